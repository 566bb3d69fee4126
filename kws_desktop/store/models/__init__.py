"""All models, imported so that Base.metadata knows every table."""
from kws_desktop.store.models import book  # noqa: F401
from kws_desktop.store.models import materials  # noqa: F401
from kws_desktop.store.models import customers  # noqa: F401
from kws_desktop.store.models import quotes  # noqa: F401
from kws_desktop.store.models import members  # noqa: F401
from kws_desktop.store.models import billing  # noqa: F401
from kws_desktop.store.models import orders  # noqa: F401
from kws_desktop.store.models import evaluation  # noqa: F401
from kws_desktop.store.models import cash  # noqa: F401
