# forms-server: messages of the HTTP API's errors.
api-form-not-found = There is no published form with this identifier.
api-not-found = There is nothing at this address.
api-malformed-json = The request body is not valid JSON.
api-invalid-body = The request body does not have the expected structure.
api-body-too-large = The request is too large.
api-unsupported-media-type = The request body must be sent as application/json.
api-validation = Some answers need correcting.
api-internal = Something went wrong on our side. Your data was not saved; please try again later.
