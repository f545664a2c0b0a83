from .query import clean_query

__all__ = ["clean_query"]
