"""The JSON Schema of a `json/<doc_id>.json` record (`plans schema` prints it).

Written out by hand beside `export_tables.document_json`, which makes the record; the tests
validate every record the pipeline writes against it, and objects allow no unlisted key, so the
two cannot drift apart unnoticed.
"""

from __future__ import annotations

from pipeline.output.export import SCHEMA_VERSION

_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
_INT = {"type": "integer"}
_OPT_INT = {"type": ["integer", "null"]}
_BOOL = {"type": "boolean"}
_ISO = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_STRINGS = {"type": "array", "items": _STR}


def _object(properties: dict[str, object], required: list[str] | None = None) -> dict[str, object]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


SOURCE = _object(
    {
        "source": {"enum": ["text_layer", "ocr", "ocr_second_reading", "word"]},
        "page": {"type": "integer", "minimum": 1},
        "bbox": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
        "paragraph": {"type": "integer", "minimum": 1},
        "table": {"type": "integer", "minimum": 1},
        "row": {"type": "integer", "minimum": 1},
        "cell": {"type": "integer", "minimum": 1},
    },
    required=["source"],
)
SOURCE["description"] = (
    "Where a value was read: page and bbox (PDF points from the top-left corner of the upright "
    "page) for a PDF or image; paragraph, or table/row/cell, for a Word file."
)

AGENCY = _object(
    {
        "name": _STR,
        "raw": _STR,
        "role": {"enum": ["thực hiện", "chủ trì", "phối hợp"]},
        "generic": _BOOL,
        "known": _BOOL,
        "jurisdiction": _STR,
        "successor": _OPT_STR,
    }
)

TASK = _object(
    {
        "seq": {"type": "integer", "minimum": 1},
        "task_no": _STR,
        "origin": {"enum": ["table", "text"]},
        "section": _STR,
        "period": _STR,
        "period_start": _ISO,
        "period_end": _ISO,
        "group": _STR,
        "content": _STR,
        "agencies": _STRINGS,
        "agencies_detail": {"type": "array", "items": AGENCY},
        "lead_agencies": _STRINGS,
        "partner_agencies": _STRINGS,
        "agencies_raw": _STR,
        "time_text": _STR,
        "deadline": _ISO,
        "pages": {"type": "array", "items": {"type": "integer", "minimum": 1}},
        "confidence": {"type": "number", "minimum": 0, "maximum": 100},
        "needs_review": _BOOL,
        "review_reasons": _STRINGS,
        "extra": {"type": "object", "additionalProperties": _STR},
        "provenance": {"type": "array", "items": SOURCE},
    }
)

METADATA = _object(
    {
        "doc_type": _STR,
        "doc_number": _STR,
        "doc_symbol": _STR,
        "issuer": _STR,
        "place": _STR,
        "issued_date": _ISO,
        "title": _STR,
        "plan_year": _OPT_INT,
        "signer_title": _STR,
        "signer_name": _STR,
    }
)

DOC_REF = _object(
    {"doc_type": _STR, "doc_number": _STR, "doc_symbol": _STR, "issued_date": _ISO, "issuer": _STR}
)

RECORD = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": f"plans document record (schema_version {SCHEMA_VERSION})",
    **_object(
        {
            "doc_id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "source": _STR,
            "status": {"enum": ["ok", "error"]},
            "pages": _OPT_INT,
            "ocr_pages": _OPT_INT,
            "page_sources": {"type": "array", "items": {"enum": ["text", "ocr", "word"]}},
            "metadata": {"oneOf": [METADATA, {"type": "null"}]},
            "metadata_provenance": {
                "type": "object",
                "propertyNames": {"enum": list(METADATA["properties"])},  # type: ignore[index]
                "additionalProperties": SOURCE,
            },
            "legal_bases": _STRINGS,
            "referenced_documents": {"type": "array", "items": DOC_REF},
            "recipients": _STRINGS,
            "addressees": _STRINGS,
            "deadlines": {
                "type": "array",
                "items": _object({"date": _ISO, "text": _STR, "page": _INT}),
            },
            "tasks": {"type": "array", "items": TASK},
            "needs_review": {"type": ["boolean", "null"]},
            "warnings": _STRINGS,
            "unsure_fields": _STRINGS,
            "page_reading": {
                "type": "array",
                "items": _object(
                    {
                        "page": _INT,
                        "source": _STR,
                        "verdict": _STR,
                        "rotation": _INT,
                        "skew": {"type": "number"},
                    }
                ),
            },
            "errors": {
                "type": "array",
                "items": _object({"source": _STR, "stage": _STR, "page": _OPT_INT, "message": _STR}),
            },
        }
    ),
}


def record_schema() -> dict[str, object]:
    return RECORD
