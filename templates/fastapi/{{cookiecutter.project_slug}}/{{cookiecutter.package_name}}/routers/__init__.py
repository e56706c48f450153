"""The path operations, one APIRouter per module; main.py includes each in the app."""
