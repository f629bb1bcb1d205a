# The dashboard in a container, installed exactly as the README's quick start does, run as a non-root user.
# No container engine runs in this project's CI: this file repeats only what the README's install already proves,
# and tests/test_scale_out.py checks that it stays the same install. See docs/deploy.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The README's install line, verbatim (the code is copied after it so this layer survives code changes).
COPY requirements.txt ./
RUN python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt

# Code and data owned by root and read-only for the app's user; the app writes nothing.
COPY . .
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
USER app

EXPOSE 8501

# slim has no curl: the health check uses the venv's Python.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD [".venv/bin/python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"]

# The README's launch command; on all interfaces inside the container, no file watcher (nothing changes here).
CMD [".venv/bin/streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true", "--server.fileWatcherType", "none"]
