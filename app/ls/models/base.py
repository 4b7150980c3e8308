"""Base classes and wire types shared by every generated TR model.

LS sends most numbers as JSON strings ("283.9500") and some as JSON numbers; a few feeds pad
them ("0. 14997.75") or leave them blank (""). Models hold real numbers (int, Decimal) and
serialise each field back in the JSON type the docs show for it, so a request body round-trips
exactly. Parsing is strict and fast first; only a payload that fails goes through the lenient
cleaner, so quirky frames still parse without slowing down the normal ones.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel, ConfigDict, PlainSerializer, PrivateAttr, ValidationError, field_validator, model_validator,
)

from app.ls.numbers import clean_number


def _dec_text(value: Decimal) -> str:
    return format(value, "f")


def _dec_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)


def _float_text(value: float) -> str:
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text or "E" in text else text


# Wire-typed numbers: the Python value is a number, the JSON form follows the docs.
DecStr = Annotated[Decimal, PlainSerializer(_dec_text, return_type=str, when_used="json")]
# (return_type int | float: a float return type would turn 70 into 70.0 and round 20-digit integers)
DecNum = Annotated[Decimal, PlainSerializer(_dec_number, return_type=int | float, when_used="json")]
IntStr = Annotated[int, PlainSerializer(str, return_type=str, when_used="json")]
# Quote feeds only: tens of thousands of frames a second, where Decimal parsing would be a third
# of the decode cost. A float holds any exchange price exactly to 15 significant digits; code
# that builds an order from one rounds it to the tick grid as a Decimal.
FloatStr = Annotated[float, PlainSerializer(_float_text, return_type=str, when_used="json")]
IntNum = int


_SECRET_FIELD = re.compile(r"pwd|passw|secret|token", re.IGNORECASE)


class LSModel(BaseModel):
    """A block of an LS TR. Field names are spelled exactly as LS spells them."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, protected_namespaces=())

    # Names of fields holding numbers; the lenient cleaner only touches these.
    NUMERIC_FIELDS: ClassVar[frozenset[str]] = frozenset()

    def wire(self) -> dict[str, Any]:
        """The JSON-ready dict sent on the wire (unset optional fields left out)."""
        return self.model_dump(mode="json", exclude_none=True)

    def __repr_args__(self) -> Any:
        """repr() and str() mask account passwords (Pwd, InptPwd, AcntPwd, sPwd …) and secrets:
        anything may log a block with %r or show it in a traceback."""
        for name, value in super().__repr_args__():
            yield name, ("***" if value and name and _SECRET_FIELD.search(name) else value)


class InBlock(LSModel):
    """A request block: unknown field names are a caller's typo, so they are refused.

    Order blocks also pass the cross-field rules of ``app.ls.models.rules``. Error messages
    leave out the values given: a misspelt password field must not end up in a log.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, protected_namespaces=(),
                              hide_input_in_errors=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_numbers(cls, value: Any, info: Any) -> Any:
        # pydantic reads True as 1: an order with "OrdQty": true would go out as one share
        if isinstance(value, bool) and info.field_name in cls.NUMERIC_FIELDS:
            raise ValueError("a number is required, not a boolean")
        return value

    @model_validator(mode="after")
    def _ls_rules(self):
        from app.ls.models.rules import RULES

        rule = RULES.get(type(self).__name__)
        if rule is not None:
            rule(self)
        return self


class OutBlock(LSModel):
    """A response block: fields LS adds later are ignored; blank numbers become None."""


def _accepts_none(field: Any) -> bool:
    return field is None or type(None) in (getattr(field.annotation, "__args__", None) or ())


@functools.cache
def _field_plan(model: type[LSModel]) -> dict[str, tuple[bool, bool, bool]]:
    """Per field of `model`: (numeric, integer, accepts None). Worked out once per class: the
    lenient path runs on every quirky frame of a feed, where introspecting annotations per frame
    cost ~0.3 ms (60x a strict parse)."""
    numeric = model.NUMERIC_FIELDS
    return {name: (name in numeric, _is_int_field(field), _accepts_none(field))
            for name, field in model.model_fields.items()}


@functools.cache
def _sub_blocks(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel]], ...]:
    """(JSON key, block model) of every field of `model` that holds a block or a list of blocks."""
    out = []
    for name, field in model.model_fields.items():
        sub = _block_type(field.annotation)
        if sub is not None:
            out.append((field.alias or name, sub))
    return tuple(out)


_UNKNOWN_FIELD = (False, False, True)


def _clean_block(model: type[LSModel], data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    plan = _field_plan(model)
    out = {}
    for key, value in data.items():
        numeric, is_int, accepts_none = plan.get(key, _UNKNOWN_FIELD)
        if numeric:
            value = clean_number(value)
            if isinstance(value, str):
                # a request's unreadable or fractional count is refused, not dropped
                keep = value if issubclass(model, InBlock) else None
                try:
                    dec = Decimal(value)
                except InvalidOperation:
                    value = keep  # unreadable number: keep the rest of the block
                else:
                    if is_int:
                        value = int(dec) if dec.is_finite() and dec == dec.to_integral_value() else keep
        if value is None and not accepts_none:
            continue  # the field's default stands in for an explicit null
        out[key] = value
    return out


def _is_int_field(field: Any) -> bool:
    if field is None:
        return False
    ann = field.annotation
    candidates = (ann, *(getattr(ann, "__args__", None) or ()))
    return any(c is int or getattr(c, "__origin__", None) is int for c in candidates)


def clean_payload(model: type[BaseModel], data: Any) -> Any:
    """Recursively clean the numeric fields of every block in a payload for ``model``."""
    if not isinstance(data, dict):
        return data
    if issubclass(model, LSModel) and model.NUMERIC_FIELDS:
        data = _clean_block(model, data)
    out = dict(data)
    for key, sub in _sub_blocks(model):
        if key not in out:
            continue
        value = out[key]
        if isinstance(value, list):
            out[key] = [clean_payload(sub, v) for v in value]
        elif isinstance(value, dict):
            out[key] = clean_payload(sub, value)
    return out


def _block_type(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X``, ``X | None`` or ``list[X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _block_type(arg)
        if found is not None:
            return found
    return None


def parse_lenient(model: type[BaseModel], raw: bytes | str | dict) -> Any:
    """Validate ``raw`` as ``model``: strict-and-fast first, then with numeric text cleaned."""
    import json

    try:
        if isinstance(raw, dict):
            return model.model_validate(raw)
        return model.model_validate_json(raw)
    except ValidationError:
        data = raw if isinstance(raw, dict) else json.loads(raw)
        return model.model_validate(clean_payload(model, data))


class TRRequestBody(LSModel):
    """The whole request body of a TR: one key per in-block."""

    TR_CD: ClassVar[str] = ""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, protected_namespaces=())


class TRResponseBody(LSModel):
    """The whole response body of a TR: out-blocks plus ``rsp_cd`` and ``rsp_msg``."""

    TR_CD: ClassVar[str] = ""
    OUT_BLOCKS: ClassVar[tuple[str, ...]] = ()

    rsp_cd: str = ""
    rsp_msg: str = ""

    _tr_cont: str = PrivateAttr(default="N")
    _tr_cont_key: str = PrivateAttr(default="")
    _http_status: int = PrivateAttr(default=200)

    def set_header(self, tr_cont: str, tr_cont_key: str, http_status: int = 200) -> None:
        self._tr_cont, self._tr_cont_key, self._http_status = tr_cont, tr_cont_key, http_status

    @property
    def tr_cont(self) -> str:
        """Response header: "Y" when another page exists."""
        return self._tr_cont

    @property
    def tr_cont_key(self) -> str:
        """Response header: the key to send for the next page."""
        return self._tr_cont_key

    def _out(self, suffix: str) -> Any:
        for name in self.OUT_BLOCKS:
            if name.endswith("OutBlock" + suffix):
                return getattr(self, name)
        return None

    @property
    def block(self) -> Any:
        """``<tr>OutBlock`` — or, for TRs whose blocks are numbered from 1, ``OutBlock1``."""
        found = self._out("")
        if found is None and self.OUT_BLOCKS:
            return getattr(self, self.OUT_BLOCKS[0])
        return found

    @property
    def block1(self) -> Any:
        """``...OutBlock1`` (often the array of rows)."""
        return self._out("1")

    @property
    def block2(self) -> Any:
        """``...OutBlock2``."""
        return self._out("2")

    @property
    def block3(self) -> Any:
        return self._out("3")

    @property
    def block4(self) -> Any:
        return self._out("4")

    @property
    def block5(self) -> Any:
        return self._out("5")


class RealHeader(BaseModel):
    """Header of a realtime frame (push or acknowledgement)."""

    model_config = ConfigDict(extra="ignore")

    tr_cd: str | None = None
    tr_key: str | None = None
    tr_type: str | None = None
    rsp_cd: str | None = None
    rsp_msg: str | None = None


class RealBody(LSModel):
    """Body of a realtime push. Every value is a JSON string on the wire."""


class RealResponse(BaseModel):
    """A realtime push: ``header`` + typed ``body``."""

    model_config = ConfigDict(extra="ignore")
    TR_CD: ClassVar[str] = ""

    header: RealHeader
    body: Any = None
