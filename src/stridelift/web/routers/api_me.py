"""/me: who the caller is."""

from __future__ import annotations

from fastapi import APIRouter

from stridelift.web.deps import ApiCaller
from stridelift.web.schemas import Me

router = APIRouter(tags=["account"])


@router.get("/me")
def me(caller: ApiCaller) -> Me:
    return Me(email=caller.account.email, units=caller.account.units)
