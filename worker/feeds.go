package worker

// DefaultFeeds are public feeds of conflict news in English, a start for
// a new record ("sitrep feeds add --defaults", "sitrep demo --live"):
// outlets whose reports name places, actors and tolls. Feeds move; one
// that stops answering shows its error in "sitrep feeds list" and is
// polled less and less often.
var DefaultFeeds = []string{
	// UN News, Peace and Security: the UN's own reports of fighting,
	// peacekeeping, Security Council briefings.
	"https://news.un.org/feed/subscribe/en/news/topic/peace-and-security/feed/rss.xml",
	// ReliefWeb (UN OCHA): situation reports and updates from agencies
	// and NGOs on crises, displacement above all.
	"https://reliefweb.int/updates/rss.xml",
	// Al Jazeera English, all news: strong on the Middle East and Africa.
	"https://www.aljazeera.com/xml/rss/all.xml",
	// BBC News, Middle East.
	"https://feeds.bbci.co.uk/news/world/middle_east/rss.xml",
	// BBC News, Africa.
	"https://feeds.bbci.co.uk/news/world/africa/rss.xml",
	// International Crisis Group: conflict analysis and crisis alerts.
	"https://www.crisisgroup.org/rss.xml",
	// The New Humanitarian: reporting from crises and conflict zones.
	"https://www.thenewhumanitarian.org/rss/all.xml",
	// France 24, Middle East.
	"https://www.france24.com/en/middle-east/rss",
	// The Kyiv Independent: the war in Ukraine, day by day.
	"https://kyivindependent.com/news-archive/rss/",
}
