# forms-server: messages of the HTTP API's errors.
api-form-not-found = There is no published form with this identifier.
api-not-found = Nothing was found at this address.
api-malformed-json = The request body is not valid JSON.
api-invalid-body = The request body does not have the expected structure.
api-body-too-large = The request body is too large.
api-unsupported-media-type = The request body must be sent with the content type application/json.
api-validation = Some answers need to be corrected.
api-internal = Something went wrong on our side and your data was not saved. Try again later.
api-submission-not-found = No application with this reference number can be shown with the access code given.
api-invalid-reference = This is not a valid reference number: check that every digit is typed correctly.
api-idempotency-conflict = This request repeats an earlier one with different answers. Start a new application instead.
api-invalid-idempotency-key = The Idempotency-Key header must be 1 to 255 visible characters.
api-unauthorized = This request needs a valid administration token.
api-transition-not-allowed = The application cannot move to this status from its current one.
api-draft-not-found = No saved draft with this link was found. Drafts are deleted after a period without changes.
