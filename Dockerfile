# syntax=docker/dockerfile:1
# InferBench's CUDA build on NVIDIA's CUDA 12 + cuDNN 9 runtime image; the container runs scripts/bench-instance.sh:
#   docker build -t inferbench-cuda .
#   docker run --rm --gpus all --stop-timeout 120 -e HF_TOKEN -v inferbench-models:/home/inferbench/.cache/inferbench \
#     -v "$PWD/results:/results" inferbench-cuda --models "phi-3-mini-4k-instruct:cuda-int4-rtn-block-32"
# See docs/gpu.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/InferBench.Cli -c Release -p:ExecutionProvider=cuda -o /out

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS dotnet-runtime

FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu22.04
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tini \
    && rm -rf /var/lib/apt/lists/*
# The .NET runtime is portable across glibc distributions; NVIDIA's image brings CUDA and cuDNN, this brings .NET.
COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/local/bin/dotnet \
    && useradd --create-home --uid 10001 inferbench \
    && mkdir /results \
    && chown inferbench /results
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /app
COPY --from=build /out /app/bin
COPY models.manifest.json /app/
COPY scripts/bench-instance.sh /app/scripts/
USER inferbench
# tini is PID 1, where the kernel drops signals a process has no handler for: it hands docker stop's SIGTERM to the
# script, whose trap hands it to inferbench, which saves what it has and exits 130 (docs/gpu.md).
ENTRYPOINT ["/usr/bin/tini", "--", "/app/scripts/bench-instance.sh", "--inferbench", "dotnet /app/bin/InferBench.Cli.dll", "--out", "/results"]
