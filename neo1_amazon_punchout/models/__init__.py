from . import amazon_business_account
from . import amazon_punchout_session
from . import amazon_punchout_start
from . import ir_ui_menu
from . import purchase_order
from . import res_config_settings
