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
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/uom_data.xml",
        "views/amazon_business_account_views.xml",
        "views/amazon_punchout_session_views.xml",
        "views/purchase_order_views.xml",
        "views/punchout_templates.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/neo1_amazon_punchout_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "neo1_amazon_punchout/static/src/**/*",
        ],
        "web.assets_tests": [
            "neo1_amazon_punchout/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": False,
}
