from odoo.tests import TransactionCase, new_test_user


class AmazonBusinessCommon(TransactionCase):
    """Two companies, one connection each, and a user of every kind that matters."""

    SECRET = "s3cr3t-Amazon-Shared-Key-0042"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Neo1 Test Co"})
        cls.other_company = cls.env["res.company"].create({"name": "Neo1 Other Co"})
        cls.admin = new_test_user(cls.env, "neo1_admin", groups="base.group_system,purchase.group_purchase_manager",
                                  company_id=cls.company.id, company_ids=[cls.company.id, cls.other_company.id])
        cls.purchase_manager = new_test_user(cls.env, "neo1_manager", groups="purchase.group_purchase_manager",
                                             company_id=cls.company.id, company_ids=[cls.company.id])
        cls.purchaser = new_test_user(cls.env, "neo1_purchaser", groups="purchase.group_purchase_user",
                                      email="neo1.purchaser@example.com",
                                      company_id=cls.company.id, company_ids=[cls.company.id])
        cls.other_purchaser = new_test_user(cls.env, "neo1_other_purchaser", groups="purchase.group_purchase_user",
                                            company_id=cls.other_company.id, company_ids=[cls.other_company.id])
        cls.account = cls.create_account(cls.company)
        cls.other_account = cls.create_account(cls.other_company, from_identity="OTHER-BUYER")

    @classmethod
    def create_account(cls, company, **values):
        return cls.env["amazon.business.account"].with_user(cls.admin).with_company(company).create({
            "name": f"Amazon Business {company.name}",
            "company_id": company.id,
            "from_identity": "NEO1-TEST-BUYER",
            "shared_secret": cls.SECRET,
            "punchout_url": "https://abintegrations.amazon.com/punchout/test",
            "order_url": "https://https-ats.amazonsedi.com/11111111-2222-3333-4444-555555555555",
            **values,
        })
