"""/docs (Swagger UI) and /redoc (ReDoc) that work offline: their scripts, styles and icon come from the installed
fastapi-offline package (a PyPI dependency), served under /docs-assets; neither page names an outside URL."""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, swagger_ui_default_parameters
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs-assets"
# Nothing from elsewhere, whatever the bundles try: ReDoc's sidebar credits Redocly with a logo from its CDN, which
# this blocks (and the style below hides); Swagger UI's inline start-up script and styles stay allowed.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
       "frame-ancestors 'self'")
_HIDE_CREDIT = '<style>a[href*="redocly.com"] { display: none; }</style></head>'
# validatorUrl: Swagger UI would otherwise ask validator.swagger.io to check the schema and show a badge
SWAGGER_PARAMETERS = {**swagger_ui_default_parameters, "validatorUrl": None, "persistAuthorization": True}


def install_docs(app: FastAPI) -> None:
    """Mount the packaged assets and the two documentation pages (the app is built with docs_url=None)."""
    app.mount(ASSETS_URL, StaticFiles(directory=str(files("fastapi_offline") / "static")), name="docs-assets")

    def root(request: Request) -> str:
        return request.scope.get("root_path", "").rstrip("/")

    def assets(request: Request) -> str:
        return root(request) + ASSETS_URL

    def openapi_url(request: Request) -> str:
        return root(request) + (app.openapi_url or "/openapi.json")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        base = assets(request)
        page = get_swagger_ui_html(
            openapi_url=openapi_url(request),
            title=f"{app.title} - Swagger UI", swagger_js_url=f"{base}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}/swagger-ui.css", swagger_favicon_url=f"{base}/favicon.png",
            oauth2_redirect_url=None, swagger_ui_parameters=SWAGGER_PARAMETERS)
        page.headers["Content-Security-Policy"] = CSP
        return page

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        base = assets(request)
        page = get_redoc_html(
            openapi_url=openapi_url(request),
            title=f"{app.title} - ReDoc", redoc_js_url=f"{base}/redoc.standalone.js",
            redoc_favicon_url=f"{base}/favicon.png", with_google_fonts=False)
        return HTMLResponse(page.body.decode().replace("</head>", _HIDE_CREDIT, 1),
                            headers={"Content-Security-Policy": CSP})
