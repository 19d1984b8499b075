# syntax=docker/dockerfile:1
# The ropa container image: a static binary (CGO_ENABLED=0) on distroless
# static, running as the non-root user, entrypoint ropa. Build it with
#
#   docker build --build-arg VERSION=v1.1.0 -t ropa:v1.1.0 .
#
# and run it on an inventory mounted read-only:
#
#   docker run --rm -v "$PWD:/work:ro" -w /work ropa:v1.1.0 audit inventory/
#
# ropa diff --base needs git, which the image does not hold: use ropa diff
# OLD NEW in the image, or the binary or the GitHub Action.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X github.com/ropa-project/ropa/audit.version=${VERSION}" \
      -o /out/ropa ./cmd/ropa \
 && /out/ropa version

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=""
LABEL org.opencontainers.image.title="ropa" \
      org.opencontainers.image.description="GDPR policy-as-code auditor: a YAML record of processing activities checked against Rego rules" \
      org.opencontainers.image.source="https://github.com/ropa-project/ropa" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/ropa /usr/local/bin/ropa
USER nonroot:nonroot
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/ropa"]
CMD ["--help"]
