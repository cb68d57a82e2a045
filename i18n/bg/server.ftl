# forms-server: съобщения за грешки на HTTP API.
api-form-not-found = Няма публикуван формуляр с този идентификатор.
api-not-found = На този адрес няма нищо.
api-malformed-json = Тялото на заявката не е валиден JSON.
api-invalid-body = Тялото на заявката няма очакваната структура.
api-body-too-large = Заявката е твърде голяма.
api-unsupported-media-type = Тялото на заявката трябва да е изпратено като application/json.
api-validation = Някои отговори трябва да бъдат поправени.
api-internal = Възникна грешка от наша страна. Данните Ви не са записани; опитайте отново по-късно.
