# The two commands (and a few more). Meson does the building; this file only
# puts the steps in order so `make run` and `make test` work on a fresh
# machine.

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
TESTBUILD ?= build-test
FUZZBUILD ?= build-fuzz

.PHONY: all deps build run test unit fuzz install clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	meson setup $(BUILD) --prefix=$(PREFIX) -Dtests=false -Dbench=false

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

# Start rsmd in the foreground on the embedded default: database and socket
# under ./var (see etc/rsmd-dev.conf).
run: build
	@mkdir -p var
	$(BUILD)/daemon/rsmd --foreground --config etc/rsmd-dev.conf

# Every test: unit, API, CLI and fuzz smoke runs, built with AddressSanitizer
# and UndefinedBehaviorSanitizer. Ends with the runner's summary line.
test: deps
	@tests/run-all

install: build
	meson configure $(BUILD) --prefix=$(PREFIX)
	DESTDIR=$(DESTDIR) meson install -C $(BUILD) --no-rebuild

clean:
	rm -rf $(BUILD) $(TESTBUILD) $(FUZZBUILD) build-release build-release.log
