"""Query parameters read as one model, validated in one pydantic call, and documented from the same model.

FastAPI reads each declared query parameter on every request by inspecting its type annotation again
(`field_annotation_is_sequence` for each of a list's 12-17 parameters, whether declared one by one or as a
query model): that, not the validation, was most of the dependency solving py-spy found in a list request.
The hot lists declare their parameters as a pydantic model instead (app/filters.py, the resources'
dependencies); `parse_query` turns the query string into that model with the model's list fields known
once, and `query_doc` writes the same parameters into the OpenAPI document that FastAPI wrote for the
parameters declared one by one (tests/test_openapi.py compares them).
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar, get_args, get_origin

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.requests import Request

M = TypeVar("M", bound=BaseModel)


def _is_list(annotation: Any) -> bool:
    """A list field (`list[X] | None` included): its parameter may repeat, every value counts."""
    if get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in get_args(annotation) if arg is not type(None))


@cache
def _fields(model: type[BaseModel]) -> tuple[frozenset[str], frozenset[str]]:
    """(every field name, the list fields' names) of a query model, worked out once per model."""
    names = frozenset(model.model_fields)
    return names, frozenset(n for n, f in model.model_fields.items() if _is_list(f.annotation))


def parse_query(request: Request, model: type[M]) -> M:
    """The request's query string as `model`; a 422 naming each invalid parameter as FastAPI words it.

    As FastAPI reads parameters: a repeated parameter keeps its last value unless its field is a list, and
    parameters the model does not declare are ignored."""
    names, lists = _fields(model)
    data: dict[str, Any] = {}
    for key, value in request.query_params.multi_items():
        if key in lists:
            data.setdefault(key, []).append(value)
        elif key in names:
            data[key] = value
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError([{**err, "loc": ("query", *err["loc"])}
                                      for err in exc.errors(include_url=False)]) from None


def query_doc(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` for a route that reads `model` with `parse_query`: its fields as optional query
    parameters, in declaration order, as FastAPI documents parameters declared with `Query()`."""
    schema = model.model_json_schema(mode="validation")
    parameters = []
    for name, field in model.model_fields.items():
        # without `default: null`, which FastAPI leaves out of the document (a URL cannot carry null)
        field_schema = {k: v for k, v in schema["properties"][name].items() if not (k == "default" and v is None)}
        parameter: dict[str, Any] = {"name": name, "in": "query", "required": field.is_required(),
                                     "schema": field_schema}
        if field.description:
            parameter["description"] = field.description
        parameters.append(parameter)
    return {"parameters": parameters}
