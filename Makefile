# Interview Tray: `make run` and `make test` are the two commands to know;
# `make help` lists the rest. Both install the Debian/Ubuntu packages they
# need first (scripts/install-packages.sh; DRY_RUN=1 only says what it would
# install). Go's build and module caches stay where Go puts them, so runs
# after the first are warm.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO ?= go

# Tools, pinned and installed into bin/ by `go install`, once per version
# (the fyne CLI v1.7.4 is the one that goes with Fyne v2.8.1).
STATICCHECK_VERSION := v0.8.2
FYNE_CLI_VERSION := v1.7.4
STATICCHECK := bin/staticcheck-$(STATICCHECK_VERSION)/staticcheck
FYNE_CLI := bin/fyne-$(FYNE_CLI_VERSION)/fyne

# Debian packages, installed without their recommendations. Building Fyne
# needs a C compiler with the C library headers (libc6-dev is only a
# recommendation of gcc) and the X11, GL and Wayland headers; the tests need
# a virtual display, a session bus, a real keyring and a browser; lint
# cross-builds for Windows with MinGW, and the tests run the Windows test
# binaries under Wine (scripts/wine/run-tests.sh).
BUILD_PACKAGES := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
DESKTOP_PACKAGES := xvfb x11-utils xdotool xclip imagemagick dbus dbus-x11 \
	gnome-keyring libsecret-tools libglib2.0-bin chromium
WINDOWS_PACKAGES := gcc-mingw-w64-x86-64 wine64 curl
PACKAGE_PACKAGES := xz-utils zip
# What the app uses on a desktop: a Secret Service for the keychain, an opener
# for links, a clipboard program for "Copy meeting ID".
RUN_PACKAGES := gnome-keyring xdg-utils xclip

INSTALL_PACKAGES := bash scripts/install-packages.sh $(if $(DRY_RUN),--dry-run)

# What `make run` starts: the tray agent, against Zoom when a Zoom app is
# configured (INTERVIEWTRAY_ZOOM_CLIENT_ID in the environment or the config
# file), else in demo mode with the built-in Zoom simulator. The agent and
# the window executable it starts are built into bin/ and run from there
# (not with `go run`, whose binary is deleted when the run ends), so that
# start at login can point at a program that stays. On Linux the agent is
# built without cgo: it links no Fyne and talks D-Bus in Go. The demo's Zoom
# simulator (cmd/zoomsim) is built beside them: --demo starts it.
APP_CONFIG = $${XDG_CONFIG_HOME:-$$HOME/.config}/interviewtray/config
AGENT_ENV := $(if $(filter Linux,$(shell uname -s)),CGO_ENABLED=0)
BUILD_APP = $(AGENT_ENV) $(GO) build -o bin/interviewtray ./cmd/interviewtray && \
	$(GO) build -o bin/interviewtray-window ./cmd/interviewtray-window && \
	$(AGENT_ENV) $(GO) build -o bin/zoomsim ./cmd/zoomsim
RUN_APP = $(BUILD_APP); \
	if [ -n "$${INTERVIEWTRAY_ZOOM_CLIENT_ID:-}" ] || \
		grep -qs '^INTERVIEWTRAY_ZOOM_CLIENT_ID=.' "$(APP_CONFIG)"; then \
		echo "Starting Interview Tray with your Zoom app (Quit from the tray menu, or Ctrl-C)"; \
		exec bin/interviewtray --verbose; \
	else \
		echo "No Zoom app configured: starting Interview Tray in demo mode with the built-in Zoom simulator"; \
		echo "(see README.md to use your own Zoom app; Quit from the tray menu, or Ctrl-C)"; \
		exec bin/interviewtray --demo --verbose; \
	fi

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{ printf "  make %-9s %s\n", $$1, $$2 }'

.PHONY: run
run: ## install missing packages, then start the app (demo mode when no Zoom app is configured)
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(RUN_PACKAGES)
	@$(RUN_APP)

.PHONY: test
test: ## install missing packages, then lint and run every test under a private desktop
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(DESKTOP_PACKAGES) $(WINDOWS_PACKAGES)
	@lint=PASS tests=PASS wine=PASS; \
	$(MAKE) --no-print-directory lint || lint=FAIL; \
	echo "== go test -race ./..."; \
	bash scripts/with-desktop.sh $(GO) test -race ./... || tests=FAIL; \
	echo "== Windows tests under Wine"; \
	GO=$(GO) bash scripts/with-desktop.sh bash scripts/wine/run-tests.sh || wine=FAIL; \
	echo "make test: lint $$lint, go test -race ./... $$tests, Windows under Wine $$wine"; \
	[ "$$lint$$tests$$wine" = PASSPASSPASS ]

.PHONY: test-windows
test-windows: ## install missing packages, then run only the Windows tests under Wine (PKGS=./x to pick)
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(DESKTOP_PACKAGES) $(WINDOWS_PACKAGES)
	@GO=$(GO) bash scripts/with-desktop.sh bash scripts/wine/run-tests.sh $(PKGS)

.PHONY: lint
lint: $(STATICCHECK) ## gofmt, go vet, staticcheck, Windows cross-build, macOS type-check
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(WINDOWS_PACKAGES)
	@GO=$(GO) bash scripts/lint.sh $(STATICCHECK)

.PHONY: package
package: $(FYNE_CLI) ## build dist/interviewtray-VERSION-linux-ARCH.tar.xz (both executables) with fyne package
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(PACKAGE_PACKAGES)
	@bash scripts/package.sh $(FYNE_CLI)

.PHONY: package-windows
package-windows: ## build dist/interviewtray-VERSION-windows-amd64.zip (GUI executables with icon and version)
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(WINDOWS_PACKAGES) $(PACKAGE_PACKAGES)
	@GO=$(GO) bash scripts/package-windows.sh

.PHONY: packages
packages: ## install every package any target needs (DRY_RUN=1 to only list)
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(DESKTOP_PACKAGES) $(WINDOWS_PACKAGES) $(PACKAGE_PACKAGES)

.PHONY: tools
tools: $(STATICCHECK) $(FYNE_CLI) ## install staticcheck and the fyne CLI into bin/

# Built without cgo, so that they need none of the Debian packages.
$(STATICCHECK):
	CGO_ENABLED=0 GOBIN=$(CURDIR)/$(@D) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

$(FYNE_CLI):
	CGO_ENABLED=0 GOBIN=$(CURDIR)/$(@D) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_CLI_VERSION)

.PHONY: icons
icons: ## redraw the icons in assets/ (scripts/genicons)
	$(GO) generate ./assets

.PHONY: clean
clean: ## remove bin/ and dist/
	rm -rf bin dist

.PHONY: bench
bench: $(FYNE_CLI) ## build everything, measure the performance budget, write docs/benchmarks.md
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(DESKTOP_PACKAGES) $(PACKAGE_PACKAGES)
	@GO=$(GO) bash scripts/bench.sh $(FYNE_CLI) $(BENCH_FLAGS)

.PHONY: screenshots
screenshots: ## screenshot every window with the demo data into docs/screenshots/
	@$(INSTALL_PACKAGES) $(BUILD_PACKAGES) $(DESKTOP_PACKAGES) curl
	@bash scripts/screenshots.sh docs/screenshots
