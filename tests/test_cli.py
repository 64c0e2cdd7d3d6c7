"""The command line: version, usage errors, and the agency debugging command."""

import pytest
from click.testing import CliRunner

from pipeline import __version__
from pipeline.cli import main


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_usage_error_exits_2(tmp_path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_agencies_normalize_prints_canonical_names() -> None:
    cell = "- Hội đồng TĐKT huyện - Phòng Nội vụ. - Các cơ quan, đơn vị. - Ban XYZ"
    result = CliRunner().invoke(main, ["agencies", "normalize", "--", cell])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[0].endswith("→ Hội đồng Thi đua - Khen thưởng huyện")
    assert lines[1].endswith("→ Phòng Nội vụ")
    assert "(generic)" in lines[2]
    assert lines[3].endswith("[unknown]")


def test_schema_command_prints_the_record_schema() -> None:
    import json

    from jsonschema import Draft202012Validator

    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    Draft202012Validator.check_schema(schema)
    assert "provenance" in schema["properties"]["tasks"]["items"]["properties"]


def test_settings_out_of_range_are_refused_with_every_reason() -> None:
    from pipeline.config import Config

    with pytest.raises(ValueError) as err:
        Config(dpi=20, formats=frozenset({"pdf"}), doc_timeout=0, tesseract="gpu")
    message = str(err.value)
    for part in ("dpi 20", "formats ['pdf']", "doc_timeout 0", "tesseract 'gpu'"):
        assert part in message


def test_the_command_line_offers_the_library_defaults() -> None:
    from pipeline.cli import extract
    from pipeline.config import Config

    defaults = {p.name: p.default for p in extract.params}
    d = Config()
    assert (defaults["dpi"], defaults["max_pages"], defaults["doc_timeout"], defaults["max_memory"]) == (
        d.dpi, d.max_pages, d.doc_timeout, d.max_memory_mb,
    )
