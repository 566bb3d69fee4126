"""All models, imported so that Base.metadata knows every table."""
from kws_desktop.store.models import book  # noqa: F401
from kws_desktop.store.models import purchasing  # noqa: F401
from kws_desktop.store.models import sales  # noqa: F401
from kws_desktop.store.models import people  # noqa: F401
from kws_desktop.store.models import billing  # noqa: F401
from kws_desktop.store.models import jobs  # noqa: F401
from kws_desktop.store.models import evaluation  # noqa: F401
from kws_desktop.store.models import cash  # noqa: F401
