"""Use cases, grouped by the trade's areas (one folder each, the same names as ui/pages/ and
store/models/). Every area may use `book` (the ledger, numbers, periods, audit); any other area it
uses is declared here with the reason, and tests/test_layers.py holds the code to it.

`listing.py` (the command line's lists) sits above the areas and may use any of them.
"""

AREA_USES: dict[str, tuple[str, ...]] = {
    "book": ("purchasing", "sales"),   # the first run loads the example catalog and packages
    "sales": ("purchasing",),          # packages are priced from the materials catalog
    "purchasing": ("reports",),        # registers the materials report
    "jobs": ("sales", "purchasing", "people", "reports"),  # an order comes from a quote, uses
                                       # stock and a crew of members; registers the orders report
    "billing": ("reports",),           # registers the receivables report
    "people": ("reports", "cash"),     # registers the member income report; a simpanan paid
                                       # back needs the money in the cash box or bank
    "cash": (),
    "reports": ("billing", "jobs"),    # the dashboard shows what is still owed; the program
                                       # report counts units as jobs/unit_counts.py does
    "evaluation": ("jobs", "people", "reports", "sales"),  # surveys and service visits are about
                                       # orders, trainings about members; registers the performance
                                       # report; a package's warranty months are kept by sales
    "exchange": ("sales", "jobs", "billing", "purchasing", "people", "reports"),  # the import
                                       # writes every kind of record; the export reads the ledger
    "training": ("sales", "jobs", "billing", "purchasing", "people", "cash", "evaluation"),
                                       # the demo book is built through every area
}
