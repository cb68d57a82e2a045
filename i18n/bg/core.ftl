# forms-core: съобщения за грешки при проверка. $label е етикетът на полето на същия език.
error-required = Попълнете „{ $label }“.
error-type = Отговорът в „{ $label }“ е от неправилен вид.
error-too-long = „{ $label }“ трябва да е до { $max } знака.
