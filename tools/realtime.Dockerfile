# The realtime channel's container (tools/realtime_service.py; infra/terraform/realtime.tf).
# `make bundle` copies this file into build/realtime/ with the service, klepaas_shared and the
# requirements pinned from uv.lock; build from there (README, "Deploying to a real project"):
#   docker build -t IMAGE build/realtime
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
ENV PYTHONUNBUFFERED=1
CMD ["python", "/app/realtime_service.py"]
