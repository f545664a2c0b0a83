from .classes import DrugClass
from .conditions import Condition, ConditionSynonym
from .drugs import BrandName, Drug, ListedDrug
from .routes import Route

__all__ = ["BrandName", "Condition", "ConditionSynonym", "Drug", "DrugClass", "ListedDrug", "Route"]
