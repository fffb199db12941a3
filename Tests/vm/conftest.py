"""Fixtures for the virtual-machine scenarios: one image build, boots shared where a test allows."""

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Device/vm"))
import vmharness


@pytest.fixture(scope="session")
def image() -> Path:
    started = time.monotonic()
    path = vmharness.build_image()
    print(f"\n[vm] image ready in {time.monotonic() - started:.1f}s: {path}")
    return path


@pytest.fixture(scope="session")
def drm_fill() -> Path:
    """Tests/vm/tools/drm-fill.c, compiled once into the build folder."""
    source = vmharness.REPO / "Tests/vm/tools/drm-fill.c"
    binary = vmharness.REPO / ".build/vm/tools/drm-fill"
    if not binary.exists() or binary.stat().st_mtime < source.stat().st_mtime:
        binary.parent.mkdir(parents=True, exist_ok=True)
        flags = subprocess.run(
            ["pkg-config", "--cflags", "--libs", "libdrm"], check=True, stdout=subprocess.PIPE, text=True
        ).stdout.split()
        subprocess.run(["gcc", "-O2", "-Wall", "-o", str(binary), str(source), *flags], check=True)
    return binary


@pytest.fixture(scope="session")
def agent_files(drm_fill: Path) -> dict[str, Path]:
    """The agent, its Swift runtime and drm-fill, by their paths in the guest."""
    files = vmharness.swift_runtime_files(vmharness.REPO / ".build/debug/ratingpad")
    files["/usr/local/bin/drm-fill"] = drm_fill
    return files


@pytest.fixture(scope="session")
def booted(
    image: Path, agent_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[vmharness.VM]:
    """One guest with the agent inside, shared by the scenarios that do not need a fresh boot."""
    vm = vmharness.VM(image=image, workdir=tmp_path_factory.mktemp("shared-vm"), extra_files=agent_files)
    with vm:
        seconds = vm.wait_ready()
        print(f"\n[vm] shared guest ready {seconds:.1f}s after qemu started")
        vm.wait_agent()
        yield vm


@pytest.fixture(autouse=True)
def _timed(request: pytest.FixtureRequest) -> Iterator[None]:
    started = time.monotonic()
    yield
    print(f"\n[vm] scenario {request.node.name} took {time.monotonic() - started:.1f}s")
