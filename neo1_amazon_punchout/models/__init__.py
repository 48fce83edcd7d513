from . import amazon_business_account
from . import res_config_settings
