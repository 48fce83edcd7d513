import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("neo1_amazon_settings_connect", {
    steps: () => [
        {
            content: "The Amazon Business block shows the connection status",
            trigger: "#amazon_business_connection:contains(Status)",
        },
        {
            content: "Connect to Amazon Business",
            trigger: "button[name=action_connect_amazon_business]",
            run: "click",
        },
        {
            content: "Paste the From Identity (with the stray spaces of a copy-paste)",
            trigger: ".modal div[name=from_identity] input",
            run: "edit  TOUR-IDENTITY ",
        },
        {
            content: "The Shared Secret is a masked input",
            trigger: ".modal div[name=shared_secret] input[type=password]",
            run: "edit tour-pasted-secret",
        },
        {
            content: "Paste the Punchout URL",
            trigger: ".modal div[name=punchout_url] input",
            run: "edit https://abintegrations.amazon.com/punchout",
        },
        {
            content: "Paste the Punchout order request URL",
            trigger: ".modal div[name=order_url] input",
            run: "edit https://https-ats.amazonsedi.com/tour-uuid",
        },
        {
            content: "Done saves the connection",
            trigger: ".modal .modal-footer button:contains(Done)",
            run: "click",
        },
        {
            content: "The dialog closes and the settings show the connection",
            trigger: "body:not(:has(.modal)) #amazon_business_connection:contains(Not tested)",
        },
    ],
});
