"""Loading extraction results into the knowledge base, fusing them across documents, and undoing a document."""

from app.ingest.delete import clear_extraction, delete_document
from app.ingest.loader import store_extraction

__all__ = ["store_extraction", "delete_document", "clear_extraction"]
