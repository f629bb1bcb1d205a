# The dashboard in a container, installed exactly as the README's quick start does, served through the same front as
# scripts/serve_replicas.sh (nginx: gzip, caching, security headers, sticky sessions, the readiness gate), run as a
# non-root user. No container engine runs in this project's CI: tests/test_scale_out.py checks that this file keeps
# the README's install and the front. See docs/deploy.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Debian's nginx: the front (deploy/nginx.conf.template), run unprivileged from a temporary directory by the script.
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*

# The README's install line, verbatim (the code is copied after it so this layer survives code changes).
COPY requirements.txt ./
RUN python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt

# Code and data owned by root and read-only for the app's user; the app writes nothing (the front writes its run
# directory under /tmp).
COPY . .
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
USER app

# nginx on 8501 (all interfaces), the replicas on 8502.. (loopback); REPLICAS=N for N processes (one per core).
ENV REPLICAS=1 \
    LISTEN_ADDRESS=0.0.0.0 \
    SERVE_REPLICAS_STATE=/tmp
EXPOSE 8501

# slim has no curl: the health check uses the venv's Python, through the front.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD [".venv/bin/python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"]

# The README's launch, in each replica, behind the front (scripts/serve_replicas.sh: streamlit run app.py ...).
CMD ["sh", "-c", "exec bash scripts/serve_replicas.sh \"${REPLICAS}\" 8501"]
