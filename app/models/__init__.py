"""Table models only. Importing this package registers every table on SQLModel.metadata."""

# base first: it installs the constraint naming convention on SQLModel.metadata before any table registers
from app.models.base import NAMING_CONVENTION, utcnow

# isort: split
from app.models.actor import Actor, ActorAlias, ActorNameKey, ActorTally, ActorWord
from app.models.change import Change
from app.models.document import Document, DocumentSource
from app.models.event import Claim, Event, EventNamed, EventParticipant, EventReport
from app.models.place import ActorPlace, Place
from app.models.statement import Evidence, Statement
from app.models.stats import ActorEventCount, EventCount, KbCounter

__all__ = [
    "NAMING_CONVENTION", "utcnow", "Actor", "ActorAlias", "ActorEventCount", "ActorPlace", "ActorTally",
    "ActorNameKey", "ActorWord", "Change", "Document", "DocumentSource", "Place", "Claim", "Event", "EventCount",
    "EventNamed", "EventParticipant", "EventReport", "Evidence", "KbCounter", "Statement",
]
