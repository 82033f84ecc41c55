"""The knowledge base ``load_demo_data`` loads: themes and life situations,
administrative services routed to the units of ``obshtina.organization.demo``,
and the municipality's main regulations.

Written for this project as a realistic starting point: fees, deadlines,
numbers and dates are examples that editors check against the municipality's
current ordinances before going live. Like the other loaders, it creates only
what is missing (by slug) and never overwrites what an editor has changed.
"""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from obshtina.organization.models import Unit

from .models import QuestionTopic, Regulation, Service, ServiceForm, Theme
from .selectors.search import search_text_for

APO = "administrativno-pravno-obsluzhvane"
TERRITORY = "ustroystvo-na-teritoriyata"
TAXES = "mestni-danatsi-i-taksi"
SOCIAL = "socialni-deynosti-i-zdraveopazvane"
PUBLIC_ORDER = "obshtestven-red-i-sigurnost"
ECOLOGY = "ekologiya-i-chistota"
EDUCATION = "obrazovanie-kultura-i-sport"

LIFE = Theme.Kind.LIFE_SITUATION
THEME = Theme.Kind.THEME

# (slug, name, kind, description)
THEMES = [
    ("razhdane", "Раждане", LIFE, "Акт за раждане, име, адрес и документи на детето"),
    ("brak-i-semeystvo", "Брак и семейство", LIFE, "Граждански брак, семейно положение"),
    ("smart-i-nasledstvo", "Смърт и наследство", LIFE, "Акт за смърт, наследници, имоти"),
    (
        "stroitelstvo-i-remont",
        "Строителство и ремонт",
        LIFE,
        "Скици, разрешения за строеж, преместваеми обекти",
    ),
    ("biznes-i-targoviya", "Бизнес и търговия", THEME, "Търговски обекти, работно време, места"),
    (
        "mestni-danatsi-i-taksi",
        "Местни данъци и такси",
        THEME,
        "Данъчни декларации, оценки, задължения",
    ),
    (
        "adresna-registratsiya-i-dokumenti",
        "Адресна регистрация и документи",
        THEME,
        "Постоянен и настоящ адрес, удостоверения от регистъра на населението",
    ),
    ("sotsialni-uslugi", "Социални услуги", THEME, "Патронажна грижа, топъл обяд, достъпност"),
    ("detsa-i-obrazovanie", "Деца и образование", LIFE, "Детска градина и ясла, такси, училище"),
]

ID_CARD = "документ за самоличност (за справка)"
POWER_OF_ATTORNEY = "нотариално заверено пълномощно, когато заявява упълномощено лице"
CIVIL_FEES = (
    "обикновена услуга (до 7 работни дни) – 5 лв.;\n"
    "бърза услуга (до 3 работни дни) – 10 лв.;\n"
    "експресна услуга (до 24 часа) – 15 лв."
)
CIVIL_LAW = "Закон за гражданската регистрация"
FEES_ORDINANCE = (
    "Наредба за определянето и администрирането на местните такси и цени на услуги "
    "на територията на Община Самоков"
)
CAO = (
    "В Центъра за административно обслужване (гр. Самоков, ул. „Македония“ № 36) със "
    "заявление по образец; по електронен път – с квалифициран електронен подпис през "
    "Единния портал за електронни административни услуги; по пощата – с пощенски "
    "запис за таксата и посочен адрес за връщане."
)

SERVICES = [
    {
        "slug": "udostoverenie-za-razhdane-dublikat",
        "name": "Издаване на удостоверение за раждане – дубликат",
        "purpose": "Нов екземпляр от удостоверението за раждане при загубено, "
        "унищожено или повредено удостоверение.",
        "who_may_apply": "Лицето, за което се отнася, родителите му, законният му "
        "представител или упълномощено лице.",
        "required_documents": f"Заявление по образец; {ID_CARD}; {POWER_OF_ATTORNEY}.",
        "fees": CIVIL_FEES,
        "deadline": "до 7 работни дни (обикновена услуга)",
        "apply_online": True,
        "apply_by_post": True,
        "unit": APO,
        "legal_basis": f"{CIVIL_LAW}; {FEES_ORDINANCE}.",
        "themes": ["razhdane", "adresna-registratsiya-i-dokumenti"],
        "form": "Заявление за дубликат на удостоверение за раждане",
    },
    {
        "slug": "sastavyane-na-akt-za-razhdane",
        "name": "Съставяне на акт за раждане и издаване на първо удостоверение",
        "purpose": "Регистриране на раждането на дете, родено на територията на "
        "общината, и издаване на първото удостоверение за раждане.",
        "who_may_apply": "Родител или близък на детето, а при раждане в болница – "
        "лечебното заведение служебно.",
        "required_documents": "Съобщение за раждане от лечебното заведение; "
        f"{ID_CARD} на родителите; декларация за името на детето.",
        "fees": "Безплатно.",
        "deadline": "в деня на заявяването",
        "unit": APO,
        "legal_basis": f"{CIVIL_LAW}.",
        "themes": ["razhdane"],
    },
    {
        "slug": "adresna-registratsiya-postoyanen-adres",
        "name": "Адресна регистрация по постоянен адрес",
        "purpose": "Заявяване или промяна на постоянния адрес – адресът в "
        "Република България, който се вписва в личната карта и избирателните списъци.",
        "who_may_apply": "Български граждани и чужденци с право на пребиваване; за "
        "непълнолетни – родител или настойник.",
        "required_documents": "Адресна карта по образец; "
        f"{ID_CARD}; документ за собственост или писмено съгласие на собственика, "
        "когато заявителят не е собственик на жилището.",
        "fees": "Безплатно.",
        "deadline": "в деня на заявяването",
        "unit": APO,
        "legal_basis": f"{CIVIL_LAW}, глава четвърта „Адресна регистрация“.",
        "themes": ["adresna-registratsiya-i-dokumenti", "razhdane"],
        "form": "Адресна карта за постоянен адрес",
    },
    {
        "slug": "adresna-registratsiya-nastoyasht-adres",
        "name": "Адресна регистрация по настоящ адрес",
        "purpose": "Заявяване или промяна на настоящия адрес – адресът, на който лицето "
        "живее в момента.",
        "who_may_apply": "Всяко пълнолетно лице, а за непълнолетните – родител или настойник.",
        "required_documents": "Адресна карта за настоящ адрес; "
        f"{ID_CARD}; съгласие на собственика на жилището, когато заявителят не е собственик.",
        "fees": "Безплатно.",
        "deadline": "в деня на заявяването",
        "apply_online": True,
        "unit": APO,
        "legal_basis": f"{CIVIL_LAW}, глава четвърта „Адресна регистрация“.",
        "themes": ["adresna-registratsiya-i-dokumenti"],
        "form": "Адресна карта за настоящ адрес",
    },
    {
        "slug": "udostoverenie-za-naslednitsi",
        "name": "Издаване на удостоверение за наследници",
        "purpose": "Удостоверява кои са наследниците на починало лице – нужно е при "
        "нотариус, в банка, при делба или продажба на наследен имот.",
        "who_may_apply": "Наследник на починалия или упълномощено от него лице.",
        "required_documents": f"Заявление по образец; {ID_CARD}; {POWER_OF_ATTORNEY}; "
        "удостоверения за наследници от други общини, когато починалият е живял другаде.",
        "fees": CIVIL_FEES,
        "deadline": "до 7 работни дни (обикновена услуга)",
        "apply_online": True,
        "apply_by_post": True,
        "unit": APO,
        "legal_basis": f"{CIVIL_LAW}; {FEES_ORDINANCE}.",
        "themes": ["smart-i-nasledstvo"],
        "form": "Заявление за удостоверение за наследници",
    },
    {
        "slug": "prepis-izvlechenie-akt-za-smart",
        "name": "Издаване на препис-извлечение от акт за смърт",
        "purpose": "Препис-извлечение от акта за смърт за пред банки, осигурителни "
        "институции и нотариуси.",
        "who_may_apply": "Наследниците на починалия или упълномощено лице.",
        "required_documents": f"Заявление по образец; {ID_CARD}.",
        "fees": CIVIL_FEES,
        "deadline": "до 7 работни дни (обикновена услуга)",
        "apply_by_post": True,
        "unit": APO,
        "legal_basis": f"{CIVIL_LAW}.",
        "themes": ["smart-i-nasledstvo"],
    },
    {
        "slug": "udostoverenie-za-semeyno-polozhenie",
        "name": "Издаване на удостоверение за семейно положение",
        "purpose": "Удостоверява семейното положение на лицето – например при "
        "сключване на брак в чужбина или пред работодател.",
        "who_may_apply": "Лицето, за което се отнася, или упълномощено лице.",
        "required_documents": f"Заявление по образец; {ID_CARD}; {POWER_OF_ATTORNEY}.",
        "fees": CIVIL_FEES,
        "deadline": "до 7 работни дни (обикновена услуга)",
        "apply_online": True,
        "unit": APO,
        "legal_basis": f"{CIVIL_LAW}; {FEES_ORDINANCE}.",
        "themes": ["brak-i-semeystvo", "adresna-registratsiya-i-dokumenti"],
    },
    {
        "slug": "skluchvane-na-grazhdanski-brak",
        "name": "Сключване на граждански брак",
        "purpose": "Запазване на дата и час и сключване на граждански брак в "
        "ритуалната зала или на избрано от младоженците място.",
        "who_may_apply": "Пълнолетни лица, от които поне едното има постоянен адрес в "
        "община Самоков.",
        "required_documents": "Декларация по образец от двамата бъдещи съпрузи; "
        f"{ID_CARD}; медицински свидетелства; удостоверения за семейно положение, когато "
        "единият има постоянен адрес в друга община.",
        "fees": "в ритуалната зала в работно време – 50 лв.;\n"
        "в събота и неделя – 100 лв.;\nизвън ритуалната зала – 150 лв.",
        "deadline": "бракът се сключва в избрания ден; декларацията се подава "
        "не по-рано от 30 дни преди датата",
        "unit": APO,
        "legal_basis": f"Семеен кодекс; {CIVIL_LAW}; {FEES_ORDINANCE}.",
        "themes": ["brak-i-semeystvo"],
    },
    {
        "slug": "razreshenie-za-stroezh",
        "name": "Издаване на разрешение за строеж",
        "purpose": "Разрешението за строеж позволява започване на строителството по "
        "одобрен инвестиционен проект.",
        "who_may_apply": "Собственикът на имота, лицето с учредено право на строеж или "
        "упълномощено от тях лице.",
        "required_documents": "Заявление по образец; документ за собственост или за право "
        "на строеж; одобрен инвестиционен проект; оценка за съответствие, когато се "
        "изисква; документ за платена такса.",
        "fees": "Според вида и категорията на строежа – по тарифата в Наредбата за "
        "местните такси (напр. жилищна сграда V категория – 100 лв.).",
        "deadline": "7 дни след одобряването на инвестиционния проект",
        "apply_online": True,
        "unit": TERRITORY,
        "legal_basis": f"Закон за устройство на територията, чл. 148; {FEES_ORDINANCE}.",
        "themes": ["stroitelstvo-i-remont"],
        "form": "Заявление за издаване на разрешение за строеж",
    },
    {
        "slug": "skitsa-za-pozemlen-imot",
        "name": "Издаване на скица за поземлен имот",
        "purpose": "Скица от подробния устройствен план с границите и "
        "предназначението на поземлен имот – за проектиране, сделки или делба.",
        "who_may_apply": "Собственикът на имота, лице с вещно право или упълномощено лице.",
        "required_documents": f"Заявление по образец; документ за собственост; {ID_CARD}.",
        "fees": "обикновена услуга (до 7 работни дни) – 20 лв.;\n"
        "бърза услуга (до 3 работни дни) – 40 лв.",
        "deadline": "до 7 работни дни (обикновена услуга)",
        "apply_online": True,
        "apply_by_post": True,
        "unit": TERRITORY,
        "legal_basis": f"Закон за устройство на територията; {FEES_ORDINANCE}.",
        "themes": ["stroitelstvo-i-remont"],
        "form": "Заявление за издаване на скица",
    },
    {
        "slug": "premestvaem-obekt",
        "name": "Разрешение за поставяне на преместваем обект",
        "purpose": "Разрешение за поставяне на павилион, маса за открито заведение, "
        "сергия или друг преместваем обект на общински или частен терен.",
        "who_may_apply": "Физически и юридически лица – търговци и собственици на имоти.",
        "required_documents": "Заявление по образец; схема за разположението на обекта; "
        "снимка или проект на обекта; договор за наем, когато теренът е общински.",
        "fees": "Такса за разрешение – 30 лв.; такса за ползване на общински терен – "
        "по Наредбата за местните такси, според зоната и площта.",
        "deadline": "до 14 дни",
        "unit": TERRITORY,
        "legal_basis": f"Закон за устройство на територията, чл. 56; {FEES_ORDINANCE}.",
        "themes": ["biznes-i-targoviya", "stroitelstvo-i-remont"],
    },
    {
        "slug": "rabotno-vreme-na-targovski-obekt",
        "name": "Регистрация на търговски обект и утвърждаване на работно време",
        "purpose": "Вписване на търговски обект или заведение в регистъра на общината "
        "и утвърждаване на неговото работно време.",
        "who_may_apply": "Търговецът, който стопанисва обекта, или упълномощено лице.",
        "required_documents": "Заявление – уведомление по образец; документ за ползване "
        "на помещението; удостоверение за регистрация от БАБХ за обектите за храни.",
        "fees": "30 лв. за регистрация; 20 лв. за промяна на работното време.",
        "deadline": "до 14 дни",
        "apply_by_post": True,
        "unit": APO,
        "legal_basis": "Закон за местното самоуправление и местната администрация; "
        f"Наредба за обществения ред на територията на Община Самоков; {FEES_ORDINANCE}.",
        "themes": ["biznes-i-targoviya"],
    },
    {
        "slug": "udostoverenie-za-danachna-otsenka",
        "name": "Издаване на удостоверение за данъчна оценка",
        "purpose": "Удостоверява данъчната оценка на недвижим имот – нужно при продажба, "
        "дарение, наследство или вписване на ипотека.",
        "who_may_apply": "Собственикът, наследник, ползвател или упълномощено лице.",
        "required_documents": f"Заявление по образец; {ID_CARD}; документ за собственост "
        "при първо деклариране; скица на имота за земите.",
        "fees": "обикновена услуга (до 5 работни дни) – 10 лв. за имот;\n"
        "бърза услуга (до 24 часа) – 20 лв. за имот.",
        "deadline": "до 5 работни дни (обикновена услуга)",
        "apply_online": True,
        "unit": TAXES,
        "legal_basis": f"Закон за местните данъци и такси, чл. 264; {FEES_ORDINANCE}.",
        "themes": ["mestni-danatsi-i-taksi", "smart-i-nasledstvo"],
        "form": "Искане за издаване на удостоверение за данъчна оценка",
    },
    {
        "slug": "udostoverenie-za-lipsa-na-zadalzheniya",
        "name": "Издаване на удостоверение за наличие или липса на задължения",
        "purpose": "Показва дали лицето дължи местни данъци и такси към общината.",
        "who_may_apply": "Задълженото лице или упълномощено лице.",
        "required_documents": f"Искане по образец; {ID_CARD}.",
        "fees": "Безплатно.",
        "deadline": "до 7 дни",
        "apply_online": True,
        "unit": TAXES,
        "legal_basis": "Данъчно-осигурителен процесуален кодекс, чл. 87, ал. 6.",
        "themes": ["mestni-danatsi-i-taksi", "biznes-i-targoviya"],
    },
    {
        "slug": "deklaratsiya-za-nedvizhim-imot",
        "name": "Деклариране на придобит недвижим имот (данък върху сгради и земя)",
        "purpose": "Подаване на данъчна декларация по чл. 14 от ЗМДТ за придобита или "
        "построена сграда, жилище или земя, за да се определят данъкът върху недвижимите "
        "имоти и таксата за битови отпадъци.",
        "who_may_apply": "Новият собственик или ползвател на имота.",
        "required_documents": f"Декларация по образец; документ за собственост; {ID_CARD}.",
        "fees": "Безплатно.",
        "deadline": "декларацията се подава до 2 месеца след придобиването",
        "apply_online": True,
        "apply_by_post": True,
        "unit": TAXES,
        "legal_basis": "Закон за местните данъци и такси, чл. 14.",
        "themes": ["mestni-danatsi-i-taksi", "stroitelstvo-i-remont", "smart-i-nasledstvo"],
    },
    {
        "slug": "topal-obyad",
        "name": "Включване в услугата „Топъл обяд“",
        "purpose": "Ежедневен безплатен топъл обяд за самотни възрастни хора и хора в "
        "затруднено положение.",
        "who_may_apply": "Лица с ниски доходи, самотни възрастни хора и хора с увреждания "
        "с постоянен адрес в общината; заявява лицето или негов близък.",
        "required_documents": f"Заявление по образец; {ID_CARD}; експертно решение на ТЕЛК, "
        "когато има такова.",
        "fees": "Безплатно.",
        "deadline": "до 14 дни",
        "unit": SOCIAL,
        "legal_basis": "Закон за социалните услуги.",
        "themes": ["sotsialni-uslugi"],
    },
    {
        "slug": "patronazhna-grizha",
        "name": "Ползване на патронажна грижа за възрастни хора и хора с увреждания",
        "purpose": "Почасова грижа в дома: помощ при хигиена, пазаруване, лекарства, "
        "битови сметки, здравна грижа.",
        "who_may_apply": "Възрастни хора и хора с увреждания, които не могат да се "
        "обслужват сами, или техни близки.",
        "required_documents": f"Заявление по образец; {ID_CARD}; медицински документи.",
        "fees": "Според броя на часовете – по Наредбата за местните такси.",
        "deadline": "до 14 дни",
        "unit": SOCIAL,
        "legal_basis": f"Закон за социалните услуги; {FEES_ORDINANCE}.",
        "themes": ["sotsialni-uslugi"],
    },
    {
        "slug": "karta-za-parkirane-za-hora-s-uvrezhdaniya",
        "name": "Издаване на карта за паркиране за хора с трайни увреждания",
        "purpose": "Карта, която позволява паркиране на местата за хора с увреждания в "
        "цялата страна и в Европейския съюз.",
        "who_may_apply": "Лица с 50 и над 50 на сто трайно намалена работоспособност с "
        "увреждания на опорно-двигателния апарат или на зрението.",
        "required_documents": f"Заявление по образец; {ID_CARD}; експертно решение на "
        "ТЕЛК/НЕЛК; една снимка.",
        "fees": "Безплатно.",
        "deadline": "до 14 дни",
        "unit": SOCIAL,
        "legal_basis": "Закон за движението по пътищата, чл. 99а.",
        "themes": ["sotsialni-uslugi"],
    },
    {
        "slug": "registratsiya-na-kuche",
        "name": "Регистрация на куче и такса за притежаване на куче",
        "purpose": "Собствениците на домашни кучета ги регистрират в общината и плащат "
        "годишна такса; регистрацията е и условие кучето да бъде ваксинирано и чипирано.",
        "who_may_apply": "Собственикът на кучето.",
        "required_documents": f"Заявление по образец; {ID_CARD}; ветеринарномедицински "
        "паспорт с номер на микрочипа и поставена ваксина против бяс.",
        "fees": "Годишна такса за притежаване на куче – 20 лв. (по Наредбата за местните "
        "такси); освободени са кучетата на хора с увреждания, служебните и "
        "кастрираните кучета.",
        "deadline": "в 14-дневен срок от придобиването на кучето или от навършване на "
        "4-месечна възраст; таксата се плаща до 31 март всяка година",
        "apply_by_post": True,
        "unit": ECOLOGY,
        "legal_basis": "Закон за защита на животните, чл. 174 и 175; Закон за местните "
        f"данъци и такси, чл. 116; {FEES_ORDINANCE}.",
        "themes": ["mestni-danatsi-i-taksi"],
        "form": "Заявление за регистрация на куче",
    },
    {
        "slug": "viza-za-proektirane",
        "name": "Издаване на виза за проектиране",
        "purpose": "Визата за проектиране е скица с предписанията за застрояване на "
        "поземления имот – основа за изработване на инвестиционния проект за строеж.",
        "who_may_apply": "Собственикът на имота, лицето с право на строеж или упълномощено лице.",
        "required_documents": "Заявление по образец; документ за собственост или за право "
        "на строеж; актуална скица на имота; задание за проектиране, когато се изисква.",
        "fees": "обикновена услуга (до 14 дни) – 50 лв.;\nбърза услуга (до 7 дни) – 100 лв.",
        "deadline": "до 14 дни от подаване на заявлението",
        "apply_online": True,
        "unit": TERRITORY,
        "legal_basis": f"Закон за устройство на територията, чл. 140; {FEES_ORDINANCE}.",
        "themes": ["stroitelstvo-i-remont"],
        "form": "Заявление за издаване на виза за проектиране",
    },
    {
        "slug": "priem-v-detska-gradina-i-yasla",
        "name": "Прием на деца в детска градина и детска ясла",
        "purpose": "Записване на дете в общинска детска градина или ясла: заявлението се "
        "подава по електронен път, а класирането е по критериите на общинската наредба.",
        "who_may_apply": "Родител или настойник на детето.",
        "required_documents": "Заявление в електронната система за прием (с акт за раждане "
        "на детето); при записване след класиране – медицински документи и документи за "
        "предимство по критериите.",
        "fees": "Подаването е безплатно. Месечна такса за детска градина – 40 лв., за "
        "ясла – 35 лв. (с облекчения по Наредбата за местните такси).",
        "deadline": "класиранията се обявяват по графика на общината (обикновено май–юни "
        "за учебната година, след това при свободни места)",
        "apply_online": True,
        "apply_in_person": True,
        "unit": EDUCATION,
        "legal_basis": "Закон за предучилищното и училищното образование; Наредба за "
        f"условията и реда за прием на деца в общинските детски градини; {FEES_ORDINANCE}.",
        "themes": ["detsa-i-obrazovanie", "razhdane"],
    },
    {
        "slug": "danak-prevozni-sredstva",
        "name": "Данък върху превозните средства – деклариране и плащане",
        "purpose": "Годишният данък за лек автомобил, мотоциклет или друго превозно "
        "средство, регистрирано на адрес в общината.",
        "who_may_apply": "Собственикът на превозното средство или упълномощено лице.",
        "required_documents": "Декларация по чл. 54 от ЗМДТ – само когато превозното "
        "средство не е регистрирано в КАТ (при регистрация в КАТ данните идват служебно); "
        f"{ID_CARD}.",
        "fees": "Данъкът зависи от мощността, годината на производство и екологичната "
        "категория; плаща се на две равни вноски до 30 юни и 31 октомври (5% отстъпка "
        "при плащане на цялата сума до 30 април).",
        "deadline": "декларацията – до 2 месеца от придобиването",
        "apply_online": True,
        "apply_by_post": True,
        "unit": TAXES,
        "legal_basis": "Закон за местните данъци и такси, чл. 52–61.",
        "themes": ["mestni-danatsi-i-taksi"],
    },
    {
        "slug": "osvobozhdavane-ot-taksa-bitovi-otpadatsi",
        "name": "Освобождаване от такса за битови отпадъци (такса смет) за неизползван имот",
        "purpose": "Собственик на имот, който няма да се ползва през цялата следваща "
        "година, не плаща таксата за сметосъбиране и сметоизвозване.",
        "who_may_apply": "Собственикът или ползвателят на имота.",
        "required_documents": f"Декларация по образец; {ID_CARD}.",
        "fees": "Безплатно.",
        "deadline": "декларацията се подава до 30 ноември на предходната година",
        "apply_online": True,
        "apply_by_post": True,
        "unit": TAXES,
        "legal_basis": f"Закон за местните данъци и такси, чл. 71; {FEES_ORDINANCE}.",
        "themes": ["mestni-danatsi-i-taksi"],
    },
    {
        "slug": "razreshenie-za-otsichane-na-darveta",
        "name": "Разрешение за отсичане или кастрене на дървета",
        "purpose": "Разрешение за премахване или кастрене на дърво в поземлен имот или на "
        "общински терен, напр. когато е болно, застрашава сграда или пречи на строеж.",
        "who_may_apply": "Собственикът на имота или управителят на етажната собственост.",
        "required_documents": "Заявление по образец; документ за собственост; снимки на "
        "дърветата; решение на общото събрание на етажната собственост, когато е нужно.",
        "fees": "Безплатно за оглед; обезщетение за отсечено дърво по Наредбата за "
        "озеленяването, когато се дължи.",
        "deadline": "до 14 дни след оглед на място",
        "unit": ECOLOGY,
        "legal_basis": "Закон за устройство на територията, чл. 63; Наредба за изграждане "
        "и опазване на зелената система на територията на Община Самоков.",
        "themes": ["stroitelstvo-i-remont"],
    },
]

R = Regulation.Kind
REGULATIONS = [
    {
        "slug": "naredba-mestni-taksi-i-tseni-na-uslugi",
        "title": FEES_ORDINANCE,
        "kind": R.ORDINANCE,
        "number": "",
        "adopted_on": date(2023, 1, 26),
        "summary": "Определя местните такси – за битови отпадъци, за ползване на пазари, "
        "тротоари и площади, за технически и административни услуги – и цените на "
        "услугите, които общината предоставя, с начина и сроковете за плащане.",
        "themes": ["mestni-danatsi-i-taksi", "biznes-i-targoviya"],
    },
    {
        "slug": "naredba-mestni-danatsi",
        "title": "Наредба за определяне размера на местните данъци на територията "
        "на Община Самоков",
        "kind": R.ORDINANCE,
        "adopted_on": date(2023, 1, 26),
        "summary": "Размерите на данъка върху недвижимите имоти, данъка при придобиване, "
        "данъка върху превозните средства, патентния и туристическия данък, отстъпката "
        "от 5 % при плащане до 30 април.",
        "themes": ["mestni-danatsi-i-taksi"],
    },
    {
        "slug": "naredba-obshtestven-red",
        "title": "Наредба за обществения ред на територията на Община Самоков",
        "kind": R.ORDINANCE,
        "adopted_on": date(2022, 6, 30),
        "summary": "Часове за тишина и ремонтни дейности, работно време на търговските "
        "обекти и заведенията, чистота на обществените места, отглеждане на домашни "
        "животни, санкции за нарушенията.",
        "themes": ["biznes-i-targoviya"],
    },
    {
        "slug": "naredba-obshtestven-red-2009",
        "title": "Наредба за обществения ред на територията на Община Самоков (2009 г.)",
        "kind": R.ORDINANCE,
        "adopted_on": date(2009, 3, 26),
        "status": Regulation.Status.REPEALED,
        "summary": "Предишната наредба за обществения ред; отменена с приемането на "
        "наредбата от 2022 г.",
        "themes": [],
    },
    {
        "slug": "naredba-upravlenie-na-otpadatsite",
        "title": "Наредба за управление на отпадъците на територията на Община Самоков",
        "kind": R.ORDINANCE,
        "adopted_on": date(2021, 11, 25),
        "summary": "Събиране и извозване на битовите отпадъци, разделно събиране, "
        "строителни и едрогабаритни отпадъци, зелени отпадъци, забрани и глоби за "
        "нерегламентирано изхвърляне.",
        "themes": ["stroitelstvo-i-remont"],
    },
    {
        "slug": "naredba-premestvaemi-obekti",
        "title": "Наредба за реда и условията за поставяне на преместваеми обекти и "
        "рекламни елементи на територията на Община Самоков",
        "kind": R.ORDINANCE,
        "adopted_on": date(2020, 4, 30),
        "summary": "Кои преместваеми обекти и рекламни елементи се поставят с разрешение, "
        "изискванията към схемите, сроковете на разрешенията и премахването на "
        "незаконно поставени обекти.",
        "themes": ["biznes-i-targoviya", "stroitelstvo-i-remont"],
    },
    {
        "slug": "naredba-obshtinsko-imushtestvo",
        "title": "Наредба за реда за придобиване, управление и разпореждане с общинско имущество",
        "kind": R.ORDINANCE,
        "adopted_on": date(2019, 2, 28),
        "summary": "Отдаване под наем, продажба, замяна и учредяване на вещни права "
        "върху общински имоти, търгове и конкурси, общинските жилища.",
        "themes": ["biznes-i-targoviya"],
    },
    {
        "slug": "pravilnik-obshtinski-savet",
        "title": "Правилник за организацията и дейността на Общинския съвет – Самоков, "
        "неговите комисии и взаимодействието му с общинската администрация",
        "kind": R.RULES,
        "adopted_on": date(2023, 11, 30),
        "summary": "Заседанията на Общинския съвет и постоянните комисии, внасянето на "
        "проекти за решения, участието на гражданите в заседанията и публикуването на "
        "решенията.",
        "themes": [],
    },
    {
        "slug": "reshenie-taksa-bitovi-otpadatsi",
        "title": "Решение за определяне на размера на таксата за битови отпадъци",
        "kind": R.DECISION,
        "number": "1215",
        "adopted_on": date(2024, 12, 19),
        "summary": "Одобрява плана-сметка за дейностите по управление на отпадъците и "
        "размера на таксата за битови отпадъци за жилищни и нежилищни имоти за "
        "следващата година.",
        "themes": ["mestni-danatsi-i-taksi"],
    },
    {
        "slug": "vatreshni-pravila-administrativno-obsluzhvane",
        "title": "Вътрешни правила за организацията на административното обслужване",
        "kind": R.PROCEDURE,
        "adopted_on": date(2022, 9, 1),
        "summary": "Как Центърът за административно обслужване приема заявления лично, "
        "по пощата и по електронен път, сроковете, комплексното административно "
        "обслужване и приемането на сигнали, предложения и въпроси.",
        "themes": ["adresna-registratsiya-i-dokumenti"],
    },
]


@transaction.atomic
def themes_load() -> int:
    """Create the missing themes; returns how many were created."""
    created = 0
    for position, (slug, name, kind, description) in enumerate(THEMES, start=1):
        _theme, is_new = Theme.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "description": description, "position": position},
        )
        created += is_new
    return created


def _form_text(title: str) -> bytes:
    """A plain, printable application form: the fields every such form has."""
    lines = [
        "ДО КМЕТА НА ОБЩИНА САМОКОВ",
        "",
        title.upper(),
        "",
        "от ......................................................................",
        "(име, презиме, фамилия)",
        "ЕГН/ЛНЧ ............................  тел. ............................",
        "адрес: ..................................................................",
        "",
        "Моля да ми бъде извършена посочената услуга.",
        "",
        "Желая да получа резултата: [ ] лично  [ ] по пощата  [ ] по електронен път",
        "",
        "Дата: ............                          Подпис: ....................",
    ]
    return "\n".join(lines).encode("utf-8")


@transaction.atomic
def services_load() -> int:
    """Create the missing services with their themes and forms; returns how many."""
    units = {unit.slug: unit for unit in Unit.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    created = 0
    for row in SERVICES:
        if Service.objects.filter(slug=row["slug"]).exists():
            continue
        fields = {key: value for key, value in row.items() if key not in {"themes", "form"}}
        fields["unit"] = units.get(row["unit"])
        fields.setdefault("how_to_apply", CAO)
        service = Service(**fields)
        service_themes = [themes[slug] for slug in row["themes"] if slug in themes]
        # The same texts the staff editor indexes (services.knowledge).
        service.search_text = search_text_for(
            service.name,
            service.purpose,
            service.who_may_apply,
            service.required_documents,
            service.how_to_apply,
            service.legal_basis,
            service.code,
            *(theme.name for theme in service_themes),
        )
        service.save()
        service.themes.set(service_themes)
        if "form" in row:
            form = ServiceForm(service=service, title=row["form"])
            form.file.save(f"{row['slug']}.txt", ContentFile(_form_text(row["form"])))
        created += 1
    return created


@transaction.atomic
def regulations_load() -> int:
    """Create the missing regulations with their themes; returns how many."""
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    created = 0
    for row in REGULATIONS:
        if Regulation.objects.filter(slug=row["slug"]).exists():
            continue
        fields = {key: value for key, value in row.items() if key != "themes"}
        regulation = Regulation(**fields)
        regulation_themes = [themes[slug] for slug in row["themes"] if slug in themes]
        regulation.search_text = search_text_for(
            regulation.title,
            regulation.number,
            regulation.summary,
            *(theme.name for theme in regulation_themes),
        )
        regulation.save()
        regulation.themes.set(regulation_themes)
        created += 1
    return created


def knowledge_load() -> int:
    """Themes, services, regulations and question topics that are missing; returns how many
    were created."""
    return themes_load() + services_load() + regulations_load() + question_topics_load()


QUESTION_TOPICS = [
    ("Местни данъци и такси", "mestni-danatsi-i-taksi"),
    ("Строителство и устройство на територията", "ustroystvo-na-teritoriyata"),
    ("Гражданска регистрация и документи", "administrativno-pravno-obsluzhvane"),
    ("Чистота, отпадъци и озеленяване", "ekologiya-i-chistota"),
    ("Образование, култура и спорт", "obrazovanie-kultura-i-sport"),
    ("Социални услуги", "socialni-deynosti-i-zdraveopazvane"),
    ("Друго", None),  # no unit: the contact centre answers
]


def question_topics_load() -> int:
    """The topics of the "Задай въпрос" form, routed to the demo units when they exist."""
    created = 0
    for position, (name, unit_slug) in enumerate(QUESTION_TOPICS):
        unit = Unit.objects.filter(slug=unit_slug).first() if unit_slug else None
        _topic, is_new = QuestionTopic.objects.get_or_create(
            name=name, defaults={"unit": unit, "position": position}
        )
        created += is_new
    return created
