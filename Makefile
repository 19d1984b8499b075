# Release builds. `make release` cross-builds ropa for every PLATFORMS entry
# into $(DIST) with the version stamped in (ropa version), and writes
# $(DIST)/SHA256SUMS. `make release PLATFORMS=linux/arm64` builds one.
#
#   make release VERSION=v1.2.0      # what a release tag build runs
#   make build                       # ./ropa for this machine

VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
DIST      ?= dist
GO        ?= go
LDFLAGS   := -s -w -X github.com/ropa-project/ropa/audit.version=$(VERSION)

.PHONY: build release clean

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o ropa ./cmd/ropa

# Each archive-free binary is named ropa_VERSION_OS_ARCH[.exe]; SHA256SUMS
# lists them in the format of sha256sum -c.
release:
	@mkdir -p $(DIST)
	@set -e; for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; ext=; [ "$$os" = windows ] && ext=.exe; \
	  out=$(DIST)/ropa_$(VERSION)_$${os}_$${arch}$$ext; \
	  echo "go build $$out"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $$out ./cmd/ropa; \
	done
	cd $(DIST) && rm -f SHA256SUMS && { command -v sha256sum >/dev/null && sha256sum ropa_* || shasum -a 256 ropa_*; } > SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS
	@cat $(DIST)/SHA256SUMS

clean:
	rm -rf $(DIST) ropa

# The container image (Dockerfile): docker, or IMAGE_BUILDER=podman.
IMAGE_BUILDER ?= docker
IMAGE         ?= ropa:$(VERSION)
.PHONY: image
image:
	$(IMAGE_BUILDER) build --build-arg VERSION=$(VERSION) -t $(IMAGE) .
