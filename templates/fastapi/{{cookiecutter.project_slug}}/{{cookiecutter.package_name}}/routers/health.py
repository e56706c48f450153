"""The JSON API: a health check for load balancers and monitors."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """What /health answers. FastAPI checks the answer against it and documents it."""

    status: Literal["ok"] = "ok"
    framework: Literal["fastapi"] = "fastapi"


# The return type is the response model: FastAPI serializes the answer as JSON.
@router.head("/health", include_in_schema=False)  # HEAD: see routers/pages.py
@router.get("/health")
async def health() -> Health:
    """A machine-readable liveness check."""
    return Health()
