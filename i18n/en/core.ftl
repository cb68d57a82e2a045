# forms-core: validation messages. $label is the field's label in the same language.
error-required = Enter “{ $label }”.
error-type = “{ $label }” has an answer of the wrong kind.
error-too-long = “{ $label }” must be { $max } characters or fewer.
