# The realtime channel's container (tools/realtime_service.py; infra/terraform/realtime.tf).
# Built from the repository root:
#   gcloud builds submit --tag IMAGE --file tools/realtime.Dockerfile .   (or docker build -f ...)
FROM python:3.12-slim
WORKDIR /app
COPY shared /app/shared
RUN pip install --no-cache-dir "/app/shared[pubsub]"
COPY tools/dev_realtime.py tools/realtime_service.py /app/
USER nobody
ENV PYTHONUNBUFFERED=1
CMD ["python", "/app/realtime_service.py"]
