-- A neutralized copy of a database must never reach Amazon Business with production credentials.
UPDATE amazon_business_account
   SET shared_secret = NULL,
       mode = 'test',
       state = 'draft';
