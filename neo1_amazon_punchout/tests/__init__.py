from . import test_account
from . import test_account_http
from . import test_punchout
from . import test_punchout_browser
