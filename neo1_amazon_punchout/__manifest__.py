{
    "name": "Amazon Business Punchout",
    "summary": "Shop on Amazon Business from Odoo Purchase through cXML punchout, with Odoo's approvals deciding what is ordered",
    "version": "19.0.1.0.0",
    "category": "Supply Chain/Purchase",
    "author": "Neo1 Amazon Punchout contributors",
    "website": "https://github.com/neo1-amazon-punchout/neo1_amazon_punchout",
    "license": "LGPL-3",
    "depends": ["purchase", "mail"],
    "external_dependencies": {"python": ["lxml", "requests"]},
    "data": [
        "security/neo1_amazon_punchout_security.xml",
        "security/ir.model.access.csv",
        "views/amazon_business_account_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/neo1_amazon_punchout_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "neo1_amazon_punchout/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": False,
}
