/* gen-prospects.c - write N rows (argv[1], default 1000000) of a realistic
 * prospects CSV to standard output, for `make bench`.
 *
 * Deterministic: a fixed seed and its own PRNG (splitmix64 seeding a
 * xoshiro256**), so the same N always gives the same bytes on every machine.
 * About 160 bytes a row on average (160 MB for a million rows).
 *
 * What the rows hold, roughly:
 *   - names from lists with some UTF-8 accented ones (Sören, Dvořák, ...);
 *   - emails built from the name and the company domain, mostly unique;
 *     about 2% repeat an earlier row's email (a third of those in other
 *     letter case), about 1% are invalid (no @, a space, two @, ...);
 *   - companies, some with commas ("Acme, Inc."), so quoted;
 *   - websites in the usual spellings, phones in several national formats,
 *     city/state/country triples, 0-3 lists joined with ';';
 *   - Notes: empty on most rows, short plain text on some, and on about 5%
 *     a quoted text with commas, doubled quotes and an embedded newline.
 *
 * With --unique (for the import benchmarks) every row is valid and has its
 * own email: no repeats, no invalid addresses, and the row number is added
 * to the local part (james.smith.r42@...) and to the company name
 * ("Foxcraft 42, Inc."), so every row is sent to the API and none can match
 * another row or a sandbox seed contact, by email or by name + company. Without it the output is
 * exactly as before.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* --- PRNG ---------------------------------------------------------------- */

static uint64_t rng_s[4];

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static void rng_seed(uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		rng_s[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(void)
{
	uint64_t result = rotl(rng_s[1] * 5, 7) * 9, t = rng_s[1] << 17;
	rng_s[2] ^= rng_s[0];
	rng_s[3] ^= rng_s[1];
	rng_s[1] ^= rng_s[2];
	rng_s[0] ^= rng_s[3];
	rng_s[2] ^= t;
	rng_s[3] = rotl(rng_s[3], 45);
	return result;
}

/* uniform in [0, n) (Lemire's multiply-shift; the bias is negligible here) */
static inline uint32_t rnd(uint32_t n)
{
	return (uint32_t)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

/* true with probability per_mille / 1000 */
static inline int chance(uint32_t per_mille)
{
	return rnd(1000) < per_mille;
}

#define PICK(a) ((a)[rnd((uint32_t)N_ELEMS(a))])

/* --- output buffer --------------------------------------------------------- */

static char obuf[1 << 20];
static size_t olen;

static void flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, stdout) != olen) {
		fprintf(stderr, "gen-prospects: write error: %s\n", strerror(errno));
		exit(1);
	}
	olen = 0;
}

static inline void put_mem(const char *s, size_t n)
{
	if (olen + n > sizeof(obuf))
		flush_out();
	memcpy(obuf + olen, s, n);
	olen += n;
}

static inline void put_s(const char *s)
{
	put_mem(s, strlen(s));
}

static inline void put_c(char c)
{
	if (olen + 1 > sizeof(obuf))
		flush_out();
	obuf[olen++] = c;
}

static void put_u(unsigned long v, int min_digits)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v || n < min_digits);
	while (n)
		put_c(tmp[--n]);
}

/* a field, quoted when it holds a comma, a quote or a line break */
static void put_field(const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		put_s(s);
		return;
	}
	put_c('"');
	for (; *s; s++) {
		if (*s == '"')
			put_c('"');
		put_c(*s);
	}
	put_c('"');
}

/* --- data ------------------------------------------------------------------ */

/* display spelling, then the ASCII spelling used in email addresses */
struct name {
	const char *disp, *ascii;
};

static const struct name first_names[] = {
	{"James", "james"}, {"Mary", "mary"}, {"John", "john"}, {"Patricia", "patricia"},
	{"Robert", "robert"}, {"Jennifer", "jennifer"}, {"Michael", "michael"}, {"Linda", "linda"},
	{"William", "william"}, {"Elizabeth", "elizabeth"}, {"David", "david"}, {"Susan", "susan"},
	{"Richard", "richard"}, {"Jessica", "jessica"}, {"Joseph", "joseph"}, {"Sarah", "sarah"},
	{"Thomas", "thomas"}, {"Karen", "karen"}, {"Daniel", "daniel"}, {"Nancy", "nancy"},
	{"Matthew", "matthew"}, {"Lisa", "lisa"}, {"Anthony", "anthony"}, {"Emily", "emily"},
	{"Mark", "mark"}, {"Rachel", "rachel"}, {"Steven", "steven"}, {"Megan", "megan"},
	{"Andrew", "andrew"}, {"Olivia", "olivia"}, {"Kevin", "kevin"}, {"Hannah", "hannah"},
	{"Brian", "brian"}, {"Laura", "laura"}, {"Derek", "derek"}, {"Tanya", "tanya"},
	{"Marcus", "marcus"}, {"Priya", "priya"}, {"Rahul", "rahul"}, {"Aisha", "aisha"},
	{"Wei", "wei"}, {"Mei", "mei"}, {"Hiroshi", "hiroshi"}, {"Yuki", "yuki"},
	{"Oluwaseun", "oluwaseun"}, {"Chidi", "chidi"}, {"Fatima", "fatima"}, {"Omar", "omar"},
	{"Lukas", "lukas"}, {"Anna", "anna"}, {"Jan", "jan"}, {"Sofia", "sofia"},
	{"Lars", "lars"}, {"Ingrid", "ingrid"}, {"Pieter", "pieter"}, {"Eleanor", "eleanor"},
	{"Camila", "camila"}, {"Gustavo", "gustavo"}, {"Ainhoa", "ainhoa"}, {"Mateo", "mateo"},
	{"José", "jose"}, {"María", "maria"}, {"Sören", "soeren"}, {"Jürgen", "juergen"},
	{"Zoë", "zoe"}, {"Françoise", "francoise"}, {"Hélène", "helene"}, {"Agnès", "agnes"},
	{"Renée", "renee"}, {"Joaquín", "joaquin"}, {"Inês", "ines"}, {"João", "joao"},
	{"Łukasz", "lukasz"}, {"Bjørn", "bjorn"}, {"Åsa", "asa"}, {"Ömer", "omer"},
	{"Dörte", "doerte"}, {"Chloé", "chloe"}, {"Noémie", "noemie"}, {"Iñaki", "inaki"},
};

static const struct name last_names[] = {
	{"Smith", "smith"}, {"Johnson", "johnson"}, {"Williams", "williams"}, {"Brown", "brown"},
	{"Jones", "jones"}, {"Miller", "miller"}, {"Davis", "davis"}, {"Wilson", "wilson"},
	{"Anderson", "anderson"}, {"Taylor", "taylor"}, {"Thomas", "thomas"}, {"Moore", "moore"},
	{"Martin", "martin"}, {"Jackson", "jackson"}, {"Thompson", "thompson"}, {"White", "white"},
	{"Harris", "harris"}, {"Clark", "clark"}, {"Lewis", "lewis"}, {"Walker", "walker"},
	{"Hall", "hall"}, {"Young", "young"}, {"King", "king"}, {"Wright", "wright"},
	{"Hill", "hill"}, {"Green", "green"}, {"Baker", "baker"}, {"Nelson", "nelson"},
	{"Carter", "carter"}, {"Mitchell", "mitchell"}, {"Roberts", "roberts"}, {"Turner", "turner"},
	{"Phillips", "phillips"}, {"Campbell", "campbell"}, {"Parker", "parker"}, {"Evans", "evans"},
	{"Edwards", "edwards"}, {"Collins", "collins"}, {"Stewart", "stewart"}, {"Morris", "morris"},
	{"Okafor", "okafor"}, {"Adeyemi", "adeyemi"}, {"Hale", "hale"}, {"Walsh", "walsh"},
	{"Whitaker", "whitaker"}, {"Whitfield", "whitfield"}, {"Castillo", "castillo"},
	{"Reyes", "reyes"}, {"Clarke", "clarke"}, {"Patel", "patel"}, {"Sharma", "sharma"},
	{"Gupta", "gupta"}, {"Chen", "chen"}, {"Wang", "wang"}, {"Li", "li"}, {"Zhang", "zhang"},
	{"Tanaka", "tanaka"}, {"Suzuki", "suzuki"}, {"Kim", "kim"}, {"Park", "park"},
	{"Nguyen", "nguyen"}, {"Tran", "tran"}, {"Hoffmann", "hoffmann"}, {"Schmidt", "schmidt"},
	{"Fischer", "fischer"}, {"Wagner", "wagner"}, {"Becker", "becker"}, {"Brandt", "brandt"},
	{"Jansen", "jansen"}, {"de Vries", "devries"}, {"van der Berg", "vanderberg"},
	{"Ferri", "ferri"}, {"Rossi", "rossi"}, {"Bianchi", "bianchi"}, {"Dubois", "dubois"},
	{"Moreau", "moreau"}, {"Laurent", "laurent"}, {"Silva", "silva"}, {"Santos", "santos"},
	{"Barros", "barros"}, {"Costa", "costa"}, {"Ivanova", "ivanova"}, {"Novak", "novak"},
	{"O'Brien", "obrien"}, {"O'Connor", "oconnor"}, {"McCarthy", "mccarthy"},
	{"Müller", "mueller"}, {"Weiß", "weiss"}, {"Schäfer", "schaefer"}, {"Köhler", "koehler"},
	{"García", "garcia"}, {"Díaz", "diaz"}, {"Jiménez", "jimenez"}, {"Núñez", "nunez"},
	{"Martínez", "martinez"}, {"López", "lopez"}, {"Araújo", "araujo"}, {"Gonçalves", "goncalves"},
	{"Lefèvre", "lefevre"}, {"Bérubé", "berube"}, {"Dvořák", "dvorak"}, {"Nowosielski", "nowosielski"},
	{"Wójcik", "wojcik"}, {"Ødegaard", "odegaard"}, {"Søndergaard", "sondergaard"},
	{"Öztürk", "ozturk"}, {"Yılmaz", "yilmaz"}, {"Þórsson", "thorsson"},
};

/* company name = prefix + suffix + kind; the domain is built from prefix and suffix */
static const char *const co_prefix[] = {
	"Bright", "Quill", "Amber", "Blue", "Grey", "Lumen", "Caju", "Tucano", "Cometa",
	"Nord", "Eichen", "Blau", "Oliv", "Wren", "Iron", "Silver", "Red", "Green", "North",
	"South", "East", "West", "Harbor", "River", "Stone", "Cedar", "Maple", "Pine", "Oak",
	"Falcon", "Hawk", "Raven", "Fox", "Bear", "Wolf", "Lynx", "Otter", "Heron", "Swift",
	"Nimbus", "Stratus", "Vector", "Quantum", "Pixel", "Byte", "Data", "Cloud", "Signal",
	"Summit", "Apex", "Zenith", "Crest", "Prairie", "Delta", "Orbit", "Nova", "Astra",
	"Terra", "Aqua", "Solar", "Lunar", "Polar", "Coral", "Jade", "Onyx", "Cobalt",
	"Copper", "Granite", "Meadow", "Willow", "Aspen", "Birch", "Elm", "Juniper", "Sage",
	"Thistle", "Clover", "Ember", "Flint",
};

static const char *const co_suffix[] = {
	"lane", "metrics", "loom", "quarry", "friars", "forge", "works", "field", "point",
	"stack", "wave", "line", "gate", "bridge", "path", "scale", "sight", "ware", "logic",
	"labs", "hub", "base", "port", "mark", "shift", "spark", "flow", "grid", "core",
	"nest", "peak", "ridge", "brook", "stone", "wood", "haven", "view", "craft", "yard",
	"mill", "tide", "light", "beam", "cast", "dock", "fold", "vale", "wick", "well",
	"ford", "ton", "by", "ly", "io", "ify", "ster", "ora", "ex", "ix", "ant",
};

static const char *const co_kind[] = {
	"", "", "", "", "", "", " Analytics", " Logistics", " Software", " Systems",
	" Consulting", " Health", " Retail", " Capital", " Media", " Labs", " Technologies",
	" Data", " Robotics", " Energy", " Foods", " Security", " Partners", " Group",
	" Maschinenbau GmbH", " Software GmbH", " AG", " S.A.", " SAS", " B.V.", " Ltd",
	" Pty Ltd", ", Inc.", ", Inc.", ", LLC", ", LLC", ", Ltd.", " Holdings, Inc.",
	" & Co., KG", ", S.L.",
};

static const char *const tlds[] = {
	".com", ".com", ".com", ".com", ".com", ".io", ".io", ".co", ".net", ".ai",
	".de", ".co.uk", ".fr", ".es", ".com.br", ".nl", ".org", ".tech",
};

static const char *const titles[] = {
	"CEO", "CFO", "COO", "CTO", "CMO", "CRO", "Chief Revenue Officer", "VP Sales",
	"VP of Sales", "VP Marketing", "VP Engineering", "VP Operations", "Head of Sales",
	"Head of Growth", "Head of RevOps", "Head of Revenue Operations", "Head of Data",
	"Director of Sales", "Regional Sales Director", "Sales Director, EMEA",
	"Director, Business Development", "IT Director", "Director of Marketing",
	"Marketing Operations Lead", "Sales Operations Manager", "Account Executive",
	"Senior Account Executive", "Enterprise Account Executive", "SDR", "BDR",
	"Sales Development Representative", "Customer Success Manager", "Product Manager",
	"Senior Product Manager", "Engineering Manager", "Software Engineer", "Data Scientist",
	"Procurement Manager", "Office Manager", "Founder", "Co-Founder & CEO", "Partner",
	"Managing Director", "Geschäftsführer", "Leiter Vertrieb", "Directora de marketing",
	"Responsable commercial", "Gerente de Vendas", "",
};

struct place {
	const char *city, *state, *country;
	int phone_style;
};

enum { PH_US, PH_UK, PH_DE, PH_FR, PH_ES, PH_BR, PH_NL, PH_IN, PH_AU, PH_JP };

static const struct place places[] = {
	{"San Francisco", "CA", "United States", PH_US}, {"New York", "NY", "USA", PH_US},
	{"Austin", "TX", "United States", PH_US}, {"Seattle", "WA", "United States", PH_US},
	{"Chicago", "Illinois", "United States", PH_US}, {"Boston", "MA", "US", PH_US},
	{"Denver", "Colorado", "United States", PH_US}, {"Atlanta", "GA", "USA", PH_US},
	{"Miami", "FL", "United States", PH_US}, {"Los Angeles", "California", "United States", PH_US},
	{"Toronto", "ON", "Canada", PH_US}, {"Vancouver", "BC", "Canada", PH_US},
	{"London", "", "United Kingdom", PH_UK}, {"Manchester", "Greater Manchester", "UK", PH_UK},
	{"Leeds", "West Yorkshire", "United Kingdom", PH_UK}, {"Edinburgh", "Scotland", "GB", PH_UK},
	{"Berlin", "Berlin", "Germany", PH_DE}, {"München", "Bayern", "Deutschland", PH_DE},
	{"Düsseldorf", "Nordrhein-Westfalen", "Germany", PH_DE}, {"Köln", "NRW", "DE", PH_DE},
	{"Paris", "Île-de-France", "France", PH_FR}, {"Lyon", "Auvergne-Rhône-Alpes", "FR", PH_FR},
	{"Madrid", "", "Spain", PH_ES}, {"Sevilla", "Andalucía", "España", PH_ES},
	{"São Paulo", "SP", "Brasil", PH_BR}, {"Rio de Janeiro", "RJ", "Brazil", PH_BR},
	{"Porto Alegre", "RS", "Brasil", PH_BR}, {"Amsterdam", "Noord-Holland", "Netherlands", PH_NL},
	{"Rotterdam", "", "NL", PH_NL}, {"Bengaluru", "Karnataka", "India", PH_IN},
	{"Mumbai", "Maharashtra", "India", PH_IN}, {"Sydney", "NSW", "Australia", PH_AU},
	{"Melbourne", "VIC", "Australia", PH_AU}, {"Tokyo", "", "Japan", PH_JP},
	{"Osaka", "", "JP", PH_JP}, {"", "", "", PH_US},
};

static const char *const lists[] = {
	"Outbound Tier 1", "Outbound Tier 2", "NA Enterprise", "EMEA", "LATAM", "APAC",
	"Q4 Webinar", "SaaStr 2024", "Dreamforce follow-up", "Newsletter", "Trade show",
	"Partner referrals", "Inbound demo", "Churned 2023", "Mid-Market", "SMB",
};

static const char *const short_notes[] = {
	"Met at conference", "Follow up in Q3", "Asked for pricing", "Not the decision maker",
	"Warm intro from Priya", "Prefers email", "Budget approved", "On parental leave",
	"Call back next week", "Downloaded whitepaper", "Trial user", "Replied to sequence",
	"Gatekeeper - route to VP", "Attended webinar", "Competitor customer",
};

/* pieces of the long notes: they hold commas and quotes (doubled on output) */
static const char *const long_note_a[] = {
	"Spoke on the phone, said \"call me Monday\", then asked for a deck",
	"Met at the booth, very interested in the \"Enterprise\" tier, wants SSO, SCIM and audit logs",
	"Left a voicemail, emailed twice, no answer yet; assistant said \"try after the 15th\"",
	"Demo went well, 12 seats, maybe 40 next year, legal wants a DPA and the \"standard\" MSA",
	"Champion moved teams, new owner is in finance, \"not a priority this quarter\"",
	"Inbound from the pricing page, asked about discounts, annual vs. monthly, and invoicing",
};

static const char *const long_note_b[] = {
	"Next step: send the case study, loop in the SE, book a follow-up for Thursday 10am.",
	"Open questions: data residency (EU), SAML, \"bring your own key\", uptime SLA.",
	"Competitors: they use a spreadsheet, a CRM plugin, and \"whatever marketing bought\".",
	"Renewal date is in March, budget is set in January, procurement takes 6-8 weeks.",
	"Do not call before 9am their time, prefers Teams over Zoom, cc the assistant.",
};

/* --- rows ------------------------------------------------------------------- */

#define EMAIL_MAX 160

/* earlier rows that a repeat copies: their email and their person */
#define RING 8192
static struct earlier {
	char email[EMAIL_MAX];
	unsigned short first, last;
} ring[RING];
static unsigned long ring_n;

/* --unique: every row valid, its email made unique by the row number */
static int unique;
static unsigned long row_no;

static size_t build_domain(char *out, unsigned pre, unsigned suf, unsigned tld, int hyphen)
{
	size_t n = 0;
	for (const char *s = co_prefix[pre]; *s; s++)
		out[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	if (hyphen)
		out[n++] = '-';
	for (const char *s = co_suffix[suf]; *s; s++)
		out[n++] = *s;
	for (const char *s = tlds[tld]; *s; s++)
		out[n++] = *s;
	out[n] = '\0';
	return n;
}

static void build_email(char *out, const struct name *f, const struct name *l, const char *domain)
{
	switch (rnd(10)) {
	case 0: case 1: case 2: case 3:
		snprintf(out, EMAIL_MAX, "%s.%s@%s", f->ascii, l->ascii, domain);
		break;
	case 4: case 5:
		snprintf(out, EMAIL_MAX, "%c%s@%s", f->ascii[0], l->ascii, domain);
		break;
	case 6:
		snprintf(out, EMAIL_MAX, "%s_%s@%s", f->ascii, l->ascii, domain);
		break;
	case 7:
		snprintf(out, EMAIL_MAX, "%s%c@%s", f->ascii, l->ascii[0], domain);
		break;
	case 8:
		snprintf(out, EMAIL_MAX, "%s.%s%u@%s", f->ascii, l->ascii, rnd(100), domain);
		break;
	default:
		/* mixed case, as typed by hand */
		snprintf(out, EMAIL_MAX, "%c%s.%c%s@%s", f->ascii[0] - 'a' + 'A', f->ascii + 1,
		         l->ascii[0] - 'a' + 'A', l->ascii + 1, domain);
		break;
	}
}

/* about 1% of rows: an email that validate_email() rejects */
static void break_email(char *e)
{
	char tmp[EMAIL_MAX];
	char *at = strchr(e, '@');
	switch (rnd(7)) {
	case 0: /* no @ */
		*at = '.';
		break;
	case 1: /* a space */
		snprintf(tmp, sizeof(tmp), "%.*s %s", (int)(at - e), e, at);
		memcpy(e, tmp, EMAIL_MAX);
		break;
	case 2: /* two @ */
		snprintf(tmp, sizeof(tmp), "%.*s@%s", (int)(at - e), e, at);
		memcpy(e, tmp, EMAIL_MAX);
		break;
	case 3: /* no dot in the domain */
		*strchr(at, '.') = '\0';
		break;
	case 4: /* double dot */
		snprintf(tmp, sizeof(tmp), "%.*s..%s", (int)(at - e), e, at);
		memcpy(e, tmp, EMAIL_MAX);
		break;
	case 5: /* trailing dot */
		strcat(e, ".");
		break;
	default:
		strcpy(e, rnd(2) ? "n/a" : "unknown");
		break;
	}
}

static void put_website(const char *domain)
{
	switch (rnd(10)) {
	case 0: case 1: case 2:
		put_s("https://www.");
		put_s(domain);
		break;
	case 3: case 4:
		put_s("https://");
		put_s(domain);
		put_c('/');
		break;
	case 5:
		put_s("http://");
		put_s(domain);
		break;
	case 6:
		put_s(domain);
		break;
	case 7:
		put_s("www.");
		put_s(domain);
		put_s(rnd(2) ? "/about" : "/");
		break;
	case 8: /* capitalised, like a hand-typed cell */
		put_s("http://");
		put_c((char)(domain[0] - 'a' + 'A'));
		put_s(domain + 1);
		break;
	default:
		break; /* empty */
	}
}

static void put_phone(int style)
{
	switch (style) {
	case PH_US:
		switch (rnd(5)) {
		case 0: put_s("+1 "); put_u(200 + rnd(800), 3); put_s("-555-01"); put_u(rnd(100), 2); break;
		case 1: put_c('('); put_u(200 + rnd(800), 3); put_s(") 555-01"); put_u(rnd(100), 2); break;
		case 2: put_u(200 + rnd(800), 3); put_s(".555.01"); put_u(rnd(100), 2); break;
		case 3: put_s("+1 ("); put_u(200 + rnd(800), 3); put_s(") 555-01"); put_u(rnd(100), 2);
			put_s(" ext. "); put_u(100 + rnd(900), 3); break;
		default: put_s("'+1 "); put_u(200 + rnd(800), 3); put_s("-555-01"); put_u(rnd(100), 2); break;
		}
		break;
	case PH_UK:
		if (rnd(2)) { put_s("+44 20 7946 0"); put_u(rnd(1000), 3); }
		else { put_s("07700 900"); put_u(rnd(1000), 3); }
		break;
	case PH_DE:
		put_s(rnd(2) ? "+49 30 " : "030 "); put_u(rnd(100000000), 8);
		break;
	case PH_FR:
		put_s("+33 1 99 00 "); put_u(rnd(100), 2); put_c(' '); put_u(rnd(100), 2);
		break;
	case PH_ES:
		put_s("+34 955 550 "); put_u(rnd(1000), 3);
		break;
	case PH_BR:
		put_s("+55 (21) 5555-0"); put_u(rnd(1000), 3);
		break;
	case PH_NL:
		put_s("+31 20 555 "); put_u(rnd(10000), 4);
		break;
	case PH_IN:
		put_s("+91 98"); put_u(rnd(100000000), 8);
		break;
	case PH_AU:
		put_s("+61 2 5550 "); put_u(rnd(10000), 4);
		break;
	default:
		put_s("+81 3-5555-"); put_u(rnd(10000), 4);
		break;
	}
}

static void put_lists(void)
{
	unsigned n = rnd(10);
	n = n < 3 ? 0 : n < 7 ? 1 : n < 9 ? 2 : 3;
	for (unsigned i = 0; i < n; i++) {
		if (i)
			put_c(';');
		put_s(PICK(lists));
	}
}

static void put_notes(void)
{
	unsigned r = rnd(1000);
	char buf[512];

	if (r < 50) { /* 5%: quoted, with commas, doubled quotes and a line break */
		snprintf(buf, sizeof(buf), "%s.\n%s", PICK(long_note_a), PICK(long_note_b));
		put_field(buf);
	} else if (r < 300) { /* 25%: a short plain note */
		put_s(PICK(short_notes));
	}
}

static void gen_row(void)
{
	const struct name *f, *l;
	unsigned fi, li, pre, suf, kind, tld;
	char domain[64], company[96], email[EMAIL_MAX];
	const struct place *pl;
	int repeat = !unique && ring_n > 100 && chance(20);

	pre = rnd((uint32_t)N_ELEMS(co_prefix));
	suf = rnd((uint32_t)N_ELEMS(co_suffix));
	kind = rnd((uint32_t)N_ELEMS(co_kind));
	tld = rnd((uint32_t)N_ELEMS(tlds));
	build_domain(domain, pre, suf, tld, (pre + suf) % 7 == 0);
	if (unique) /* Apollo also matches on name + company: make that unique too */
		snprintf(company, sizeof(company), "%s%s %lu%s", co_prefix[pre], co_suffix[suf], row_no,
		         co_kind[kind]);
	else
		snprintf(company, sizeof(company), "%s%s%s", co_prefix[pre], co_suffix[suf], co_kind[kind]);

	if (repeat) {
		/* the same person again, from a recent row (some letter case changed) */
		unsigned long back = 1 + rnd(ring_n < RING ? (uint32_t)ring_n : RING);
		const struct earlier *e = &ring[(ring_n - back) % RING];
		fi = e->first;
		li = e->last;
		memcpy(email, e->email, EMAIL_MAX);
		switch (rnd(6)) {
		case 0: /* all upper case */
			for (char *p = email; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			break;
		case 1: /* capitalised local part */
			if (email[0] >= 'a' && email[0] <= 'z')
				email[0] = (char)(email[0] - 'a' + 'A');
			break;
		default:
			break;
		}
	} else {
		fi = rnd((uint32_t)N_ELEMS(first_names));
		li = rnd((uint32_t)N_ELEMS(last_names));
		build_email(email, &first_names[fi], &last_names[li], domain);
		if (unique) {
			char tmp[EMAIL_MAX];
			char *at = strchr(email, '@');
			snprintf(tmp, sizeof(tmp), "%.*s.r%lu%s", (int)(at - email), email, row_no, at);
			memcpy(email, tmp, EMAIL_MAX);
		} else if (chance(10))
			break_email(email);
		else {
			struct earlier *e = &ring[ring_n++ % RING];
			memcpy(e->email, email, EMAIL_MAX);
			e->first = (unsigned short)fi;
			e->last = (unsigned short)li;
		}
	}
	f = &first_names[fi];
	l = &last_names[li];
	pl = &PICK(places);

	put_s(f->disp);
	put_c(',');
	put_s(l->disp);
	put_c(',');
	put_field(email);
	put_c(',');
	put_field(PICK(titles));
	put_c(',');
	put_field(company);
	put_c(',');
	put_website(domain);
	put_c(',');
	if (!chance(80))
		put_phone(pl->phone_style);
	put_c(',');
	put_field(pl->city);
	put_c(',');
	put_field(pl->state);
	put_c(',');
	put_field(pl->country);
	put_c(',');
	put_lists();
	put_c(',');
	put_notes();
	put_c('\n');
	row_no++;
}

int main(int argc, char **argv)
{
	unsigned long n = 1000000;

	if (argc > 1 && strcmp(argv[1], "--unique") == 0) {
		unique = 1;
		argv++;
		argc--;
	}
	if (argc > 2) {
		fprintf(stderr, "usage: gen-prospects [--unique] [ROWS]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;
		errno = 0;
		n = strtoul(argv[1], &end, 10);
		if (errno || end == argv[1] || *end || argv[1][0] == '-') {
			fprintf(stderr, "gen-prospects: bad row count: %s\n", argv[1]);
			return 2;
		}
	}
	rng_seed(UINT64_C(0x61706f6c6c6f2d63)); /* "apollo-c" */
	put_s("First Name,Last Name,Email,Title,Company,Website,Phone,City,State,Country,Lists,Notes\n");
	for (unsigned long i = 0; i < n; i++)
		gen_row();
	flush_out();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen-prospects: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
