import { patch } from "@web/core/utils/patch";
import { PurchaseDashBoard } from "@purchase/views/purchase_dashboard";

// "Shop on Amazon Business" on the Purchase dashboard, for users with a connected account to shop with.
patch(PurchaseDashBoard.prototype, {
    async shopOnAmazonBusiness(accountId) {
        const action = await this.orm.call("amazon.punchout.session", "action_shop", [], {
            account_id: accountId || false,
        });
        await this.action.doAction(action);
    },
});
