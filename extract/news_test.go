package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/fuse"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/geoparse"
	"github.com/sitrep/sitrep/text"
)

// reported returns the events an analyst would see (Event.Coded).
func reported(evs []sitrep.Event) []sitrep.Event {
	return slices.DeleteFunc(slices.Clone(evs), func(e sitrep.Event) bool { return !e.Coded() })
}

// News of every kind uses the words of violence for other things. The
// sentences are ours, each in the shape of a case the news register has.
func TestSilenceOnWhatIsNotPoliticalViolence(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"a kitchen fire is an accident", "A blaze tore through a bakery in Nakuru on Monday night, killing three workers."},
		{"a flood is a disaster", "Floodwater swept away a bridge near Kasese and damaged the health centre."},
		{"a robbery is ordinary crime", "Two men robbed a petrol station in Eldoret and were caught at a roadblock."},
		{"an industrial blast is an accident", "A gas cylinder exploded at a brewery in Kampala, injuring six staff."},
		{"expelling diplomats is diplomacy", "Vienna expelled three diplomats over the espionage case."},
		{"a goal captures a title", "A stoppage-time header captured the cup for the home side in Lisbon."},
		{"markets rally and regulators attack accounts", "Shares in the telecom group slumped after the watchdog attacked its bookkeeping."},
		{"a campaign against a singer is no protest", "Advertisers abandoned the presenter after an online campaign against him."},
		{"a sentence is a court's, not an event", "A court in Lusaka jailed the former mayor for six years for embezzlement."},
		{"a runner beats a rival", "The Kenyan champion beat her Ethiopian rival by two seconds in Berlin."},
		{"a month is no march", "The summit in Nairobi will open on 4 March."},
		{"a trade deal is no agreement ACLED codes", "The two governments signed a trade deal in Hanoi on Tuesday."},
		{"the police of a theft are no party to violence", "Police in Thika arrested a man who stole a laptop from a shop."},
		{"firms blocking a website protest no street", "Several providers started blocking the forum's pages in protest at the ruling."},
		{"a dismissed reporter was not shot", "The columnist got fired for criticising the owner of the paper."},
		{"a reporter killed on the road", "A radio reporter died when his car hit a lorry outside Mbale."},
		{"a film's bombing is a plot", "Critics said the film about a bombing at a cinema was the best movie of the festival; it won two awards."},
		{"a fight for the future is a campaign", "Addressing her supporters, she said the vote was a fight for the future of the nation."},
		{"an inquiry into deaths is no killing", "The army opened an inquiry into the deaths of 85 protesters held by troops in the south."},
		{"a funeral is no clash", "The rebel commander was buried in Gao amid gunfire and chaotic scenes."},
		{"a penalty faced is no killing", "Soldiers face death after refusing to shell villages in Darfur."},
		{"a fight to be allowed to stay is a campaign", "Veterans who served in the army have won a long fight to be allowed to settle in the country."},
		{"talks engaged in are no fight", "Officials in Bamako are engaged in ceasefire talks with the rebel leaders from Gao."},
		{"a threat of attacks is no attack", "In a new video the militant group threatened attacks on army posts in Gao."},
		{"a plot to bomb is no bombing", "Police said the suspects were plotting a bomb attack on the barracks in Gao."},
		{"a film that won a country's award took nothing", "A drama about a group of restless youths who rehearse a play in a Lyon suburb has won France's biggest film prize. Its director and young star won prizes too; the comedy beat two big-budget films at the festival."},
		{"a reputation damaged in a sports story is no riot", "The Olympic champion says the coach damaged her reputation and she is seeking 25 million dollars in the suit; the club, the league and the team declined to comment."},
		{"a phone demonstrated is no demonstration", "At the trade fair in Seoul the maker was demonstrating one of its new phones, and dozens of rival firms demonstrated handsets to buyers."},
		{"one who took over as coach took no town", "Sanford, a former Army officer, took over as coach of the Utah team, calling it a gold mine."},
		{"bomb-making charges are a court's", "Two students of the college were arrested on bomb-making charges in Kampala."},
		{"a legal offensive is a lawsuit", "Film studios opened a legal offensive against online pirates in Nigeria."},
		{"a team that rallies to a score plays", "Ten pitchers walk 14 as the visitors rally for a 9-7 victory"},
		{"a house that collapsed on a church is a disaster", "A house collapsed onto a church in Fez, killing four worshippers."},
		{"lawyers sitting in a room are no sit-in", "Lawyers sitting in a room in Sydney will thrash out the deal before the match, the coach said."},
		{"an aircraft is no strike", "Divers recovered the wreckage of a navy helicopter off the coast of Mombasa on Monday."},
		{"aircraft carriers are contracts", "A defence firm won the contract to build two aircraft carriers for the navy."},
		{"a fight against drought is no clash", "Farmers in the region are fighting against drought and rising costs."},
		{"a price war and a legal battle are business", "The two firms are locked in a price war and a legal battle with rebels of the board."},
		{"a fight for water is a campaign", "Residents say they are organising a fight for clean water in Soweto."},
		{"a capture with no object seizes nothing", "Fighting raged across Darfur in Sudan. The RSF capture, if confirmed, would leave the group alone in the west."},
		{"a heart pounding is no shelling", "Her heart was pounding as the votes were counted in Harare."},
		{"a budget's ticking bomb is politics", "Tory MPs attacked the chancellor's budget in parliament, calling the tax rises a ticking bomb for voters."},
		{"the police of a derailment killed no one", "Police in Nakuru are investigating the derailment of a goods train in which four people lost their lives."},
		{"police in a culture story are no armed party", "The singer won two awards at the music festival, and her new album went to the top of the charts as her world tour sold out in hours. Police officers with scanners able to detect explosives checked the stadium before the concert in Leeds, the promoter said."},
		{"artillery in a unit's make-up is no shelling", "The army's western command in Gao includes several battalions, including artillery, engineers and armoured units."},
		{"running out of artillery shells no one", "The troops on the front are running out of artillery ammunition, an official said in Kyiv."},
		{"a gang's attack in a story of phishing is no violence", "Criminals sent millions of phishing e-mails last month, the security firm said, and most spam now carries spyware. One attack by the gang hit users of a bank in Leeds."},
		{"soldiers in a game are no named group", "The software firm said its new game sold a million copies in its first week, and shares in the company rose. Players must battle soldiers and zombies across twelve levels, and the sequel will reach shops in March."},
		{"an army in a budget's words is no party", "Shares in the bank rose after it reported higher profits, and the market expects interest rates to fall. The budget leaves out the cost of military operations in Iraq, which investors say will widen the deficit."},
		{"an occupied land is held, not taken today", "A senior official appointed by Moscow in occupied Kherson said on Tuesday that civilians would be moved across the river."},
		{"fighting since a month is a span, not a happening", "Fighting has shaken the hills around Kidal since early October, residents say."},
		{"a penalty shoot-out is a game", "The visitors won the penalty shoot-out in Lisbon after a goalless draw."},
		{"a side that holds another to a draw plays", "Kenya hold Uganda 2-2 in the opening game of the cup in Kampala."},
		{"an event known by its place is no news", "The senator apologised on Tuesday for his remarks about the Mombasa bombings."},
		{"a body no one found is no killing", "The body of the late president arrived in Bamako from Paris on Friday for a military funeral."},
		{"a country after 'in the' is where, not who", "Volunteers in the Philippines smashed carriage doors with hammers on Friday to free people trapped after a train derailed near Naga, killing four."},
		{"a plot governs its clause", "Three army officers were accused on Monday of plotting to topple the president by firing a rocket at his plane over Abuja."},
		{"a conspiracy governs its clause", "Prosecutors say the man conspired with a known militant to use shoe bombs to blow up two airliners over Nairobi."},
		{"a crowd out to celebrate is no protest", "Tens of thousands of people took to the streets of Accra on Sunday - twice as many as last year - to celebrate the festival's tenth year."},
		{"a command taken over is a post, not ground", "A Chadian general took over command of the peacekeepers in Gao on Monday."},
		{"people a headline says were stabbed did not stab", "Eight pupils stabbed to death as they slept in a dormitory in Nakuru"},
		{"a storm's strike is the storm's", "Mozambican troops helped villagers after Cyclone Freddy's strike on Beira last weekend."},
		{"what happened despite something is context", "Despite a brief army incursion into the hills near Gao in the summer, traders say the road to Kidal is busy again."},
		{"a plane that crashed is a disaster", "A cargo plane crashed on landing near Goma, killing six crew members."},
		{"an embargo imposed is governing, not arms", "The Security Council imposed an arms embargo on Mali on Monday and threatened sanctions against the junta's leaders."},
		{"a riot-hit town is no riot", "Residents of the riot-hit town of Kisumu queued for water on Monday."},
		{"a possessive's participle describes", "The president laid flowers on Sunday at the grave of the province's assassinated governor in Kandahar."},
		{"a clause of an earlier act, dated apart, is background", "South Africa sent more troops to Goma this week after 14 of its soldiers were killed in fighting with the rebels last month."},
		{"the act a span started from is background", "Kidal has seen rising violence since 10 November, when battles broke out between the army and the rebels over the town."},
		{"a comment on an act is no act", "The rebels have not commented publicly on the reported offensive near Kidal."},
		{"a sentence set in the past by its first word is background", "Previously, the rebel alliance captured the town of Kidal in a week of fighting."},
		{"allegations of an act are no act", "Allegations of targeting civilians in Kidal have been denied by the rebel alliance."},
		{"a span told across an apposition is no happening", "Shelling has shaken the town of Gao, seat of the army's northern command, since 3 November, when the rebels resumed their offensive."},
		{"a campaign's start in a 'when' clause far from its act is background", "The north has been shaken by fighting since late last month, when an alliance of three ethnic armed groups resumed its offensive along the road to Kidal."},
		{"a pledge to end an act is no act", "The president of Mexico presented a plan on Friday to improve the country's record, pledging to eradicate torture by soldiers and police."},
		{"a bomb alert is no bombing", "Army jets forced a plane bound for Nairobi to land in Mombasa after a bomb alert on board."},
		{"an attack known by its day is no news", "The rebel commander said the army of Mali would be beaten, in a video aired before the anniversary of the Sept. 11 attacks."},
		{"protests decades ago are history", "Protesters in Nairobi staged anti-war rallies three decades ago, the senator said of his rival."},
		{"an assault years after which a rite is held is history", "Veterans in Gao laid wreaths on Monday, 60 years after the doomed assault on the fort by rebel fighters."},
		{"an attack known by its town and venue is no news", "Families of those lost in the Kampala bus bombings met the minister on Friday."},
		{"a retrial is a court's", "Riot murder retrial of eleven men opens in Kisumu."},
		{"a protest vote is a ballot", "Students in Leeds cast a protest vote against the council."},
		{"a bonfire of offices is a cull", "A union in Leeds called the merger of the agencies a bonfire of the quangos."},
		{"a blast blamed on gas in the next sentence", "Six people were killed in an explosion that flattened a block of flats in Mombasa. Firefighters believe a gas leak caused it."},
	} {
		evs := run(t, tt.text, "2024-12-07")
		if got := reported(evs); len(got) > 0 {
			t.Errorf("%s: %q gave %s", tt.name, tt.text, describe(got))
		}
	}
}

func TestEventsOfTheNewsRegister(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"nurses marching with demands protest", "Teachers marched through central Nakuru for a third day to demand unpaid salaries.", "Peaceful protest"},
		{"rivals clashing at a welcome march riot, the march is no protest", "Supporters of the mayor marched through Kisumu on Monday to welcome him home, and two rival groups clashed near the market, injuring five.", "Mob violence"},
		{"an activist reportedly beaten is harmed", "A local activist was reportedly beaten by a man while guiding visitors through the Kerio valley.", "Attack"},
		{"gunmen killing officials attack civilians", "Gunmen from an armed group shot dead four polling clerks at a market in Maiduguri.", "Attack"},
		{"a bomb blast needs no named attacker", "A bomb blast at a bus stop in Mogadishu killed five people on Friday.", "Remote explosive/landmine/IED"},
		{"fighters of an unknown group clash", "Fighters of the Northern Hawks clashed with government troops near Gao.", "Armed clash"},
		{"villagers lynch a suspect", "Angry villagers lynched a suspected thief in Bungoma.", "Mob violence"},
		{"a ceasefire between the sides", "The army and the rebels agreed to a ceasefire in Kidal.", "Agreement"},
		{"a battle for ground is a clash", "Soldiers of the army battled militants for control of the market town of Djibo.", "Armed clash"},
		{"a fight against a named group is a clash", "Government troops were fighting against the rebels near Goma on Monday.", "Armed clash"},
		{"positions pounded are shelled", "Rebel forces pounded the army's positions outside Idlib through the night.", "Shelling/artillery/missile attack"},
		{"a bomb that kills at a match", "Fans at the football match in Rome were hurt when a bomb exploded outside the stadium, killing two, police said after the team's game.", "Remote explosive/landmine/IED"},
		{"a blockade to protest is a protest", "Boda riders in Busia blocked the border road for hours to protest the new fees.", "Peaceful protest"},
		{"a crowd gathered to protest", "Dozens of tenants assembled outside the county offices to protest the evictions.", "Peaceful protest"},
		{"a headline's protest against", "Protest against the closure of the district hospital in Kitui", "Peaceful protest"},
		{"a journalist beaten is political violence", "A journalist was assaulted outside the court in Meru.", "Attack"},
		{"a city's capture is a change of control", "Fighting raged in Darfur in Sudan. The city's capture gives the RSF control of all five state capitals.", "Non-state actor overtakes territory"},
		{"troops fighting to stop an advance fight", "Government troops are fighting to prevent the rebels from advancing on Gao.", "Armed clash"},
		{"a country's city taken is a capture", "Rebels won Syria's second city after a week of fighting.", "Non-state actor overtakes territory"},
		{"a crowd of a range of people rallies", "Some 200-300 workers rallied outside the factory in Kisumu to demand their pay.", "Peaceful protest"},
		{"a place of worship set on fire is violence", "A mosque in the town of Ede was set on fire overnight, police said.", "Looting/property destruction"},
		{"fighting that drove people out is between the armed", "Fighting flared on Saturday in Myawaddy, forcing 3,000 residents to flee as rebels fought to flush out army troops from the bridge.", "Armed clash"},
		{"the government a crowd calls on is no protester", "Members of the KGTU protested in front of the Galle bus depot on Monday, urging the government to pay their arrears.", "Peaceful protest"},
		{"protesters who gathered protest", "Hundreds of protesters gathered outside the governor's office in Kisumu on Monday.", "Peaceful protest"},
		{"protesters who blocked a road protest", "Protesters blocked the airport road in Entebbe, calling for the release of detained activists.", "Peaceful protest"},
		{"warplanes that struck are an air strike", "Government warplanes struck a market in the town of Saraqeb, killing twelve people.", "Air/drone strike"},
		{"a drone that killed is an air strike", "A drone killed three fighters of the armed group near Kidal on Monday.", "Air/drone strike"},
		{"a town occupied is taken", "Rebels occupied the town of Uvira on Monday after the army fled.", "Non-state actor overtakes territory"},
		{"people held as a group's members are its people", "Security forces detained 20 people in Bayonne on Monday suspected of belonging to the banned separatist group.", "Arrests"},
		{"a shoot-out is a clash, whoever fired", "A shoot-out took place on Monday night in a crowded district of Port-au-Prince, residents said.", "Armed clash"},
		{"gunfire that erupted is a clash, whoever fired", "Gunfire erupted near the presidential palace in Bamako on Wednesday.", "Armed clash"},
		{"a since of reason dates nothing", "Hundreds of teachers staged a protest in Kandy on Monday since the ministry had failed to pay their salaries.", "Peaceful protest"},
		{"a range of wounded is no score", "Rebels attacked an army checkpoint near Gao on Monday, killing 4 soldiers and injuring 7-10, in the night.", "Armed clash"},
		{"a mob's verb before a suspect is the act", "Crowd beats theft suspect in Kakamega", "Mob violence"},
		{"artillery that killed is shelling", "Government artillery killed four people in the village of Ndele on Monday.", "Shelling/artillery/missile attack"},
		{"a blast at a military target needs no named attacker", "An explosion went off beside the convoy of a provincial police chief in Gao on Tuesday, residents said.", "Remote explosive/landmine/IED"},
		{"a country's word for a person is a civilian", "Soldiers shot dead a Palestinian near the border fence in Gaza on Monday.", "Attack"},
		{"planes that bomb strike from the air", "US planes bombed targets in the rebel-held town of Kidal, killing two people.", "Air/drone strike"},
		{"a helicopter targeted is the target, not the manner", "Rebel fighters targeted an army helicopter flying over Gao on Monday.", "Armed clash"},
		{"people abducted by no one named are abducted", "Two Americans were abducted from their home in Kirkuk at dawn, the interior ministry said.", "Abduction/forced disappearance"},
		{"a torch-lit march is peaceful", "Hundreds of teachers held a torch-lit protest march through Galle on Tuesday against the new tax.", "Peaceful protest"},
		{"an act in an after-clause of the same days is news", "Bus services in Mandera stopped on Tuesday after militants ambushed two police vehicles near Elwak on Monday evening.", "Armed clash"},
		{"a jet that fires is an air strike", "A Malian jet fired a missile at a house in Kidal where rebel leaders were meeting on Friday, officials said.", "Air/drone strike"},
		{"two peoples' words joined before a trade are a civilian", "Gunmen abducted a Turkish-German engineer from his home in Kirkuk on Tuesday, police said.", "Abduction/forced disappearance"},
		{"a country's word for a person, then 'as', is a civilian", "Kenyan soldiers shot and killed a Somali as he approached a checkpoint near Mandera, the army said on Saturday.", "Attack"},
		{"a town fallen into a group's hands is taken", "The market town of Kiwanja has fallen into the hands of the rebel coalition, sending thousands across the lake.", "Non-state actor overtakes territory"},
		{"a possessive before the ground is its determiner", "Rebel fighters took control of the country's second largest city, Kindu, on Sunday.", "Non-state actor overtakes territory"},
		{"a palace retaken is ground taken", "Army units retook the presidential palace in Kindu on Friday after a week of fighting with the rebels.", "Government regains territory"},
		{"anti-coup fighters stage no coup", "Anti-coup fighters have seized an army base outside Lashio, the group said on Sunday.", "Non-state actor overtakes territory"},
		{"anti-riot police are no riot", "Anti-riot police fired tear gas at students protesting peacefully outside the university in Kisumu on Monday.", "Protest with intervention"},
		{"riot police are police, no riot", "Riot police fired tear gas at hundreds of traders protesting new levies outside the county offices in Kisumu on Monday.", "Protest with intervention"},
		{"a place after the harmed is the scene", "Troops Kill 4, Wound 3 at Checkpoint in Kandahar", "Attack"},
		{"a place after the harmed is the scene", "Militants attacked an army checkpoint in Kandahar, killing four soldiers.", "Armed clash"},
		{"fighters strikes are no air strike", "Rebels launched strikes at two army posts near Kidal on Sunday, killing five soldiers.", "Armed clash"},
		{"fighters strikes are no air strike", "The French army carried out strikes on a rebel camp near Kidal on Sunday.", "Air/drone strike"},
		{"fighters strikes are no air strike", "The Malian army killed four men in a strike at a rebel commander near Kidal on Sunday.", "Air/drone strike"},
		{"a suicide fighter is a suicide bombing", "A suicide fighter killed himself and wounded six guards in a grenade attack on a market in Kabul on Sunday.", "Suicide bomb"},
		{"a blowing up that kills is an explosive", "Three soldiers were killed when rebels blew up a bridge under their convoy near Gao on Sunday.", "Remote explosive/landmine/IED"},
		{"people seized are no ground", "KABUL -- Gunmen seized two Americans from a guest house in Kabul on Sunday.", "Abduction/forced disappearance"},
		{"people seized are no ground", "KIDAL -- Rebels seized soldiers from an army post near Kidal on Sunday.", "Armed clash"},
		{"an appeal for an act is no act", "A nurse held hostage has appealed for a withdrawal of Kenyan troops from Somalia in a video shown on Sunday.", "Abduction/forced disappearance"},
		{"retaking is a capture", "Malian troops pushed north on Sunday, retaking the town of Kidal from the rebels.", "Government regains territory"},
		{"a passives doer is not the one seized", "A Kenyan engineer was seized by gunmen near Mandera on Sunday and freed the next day.", "Abduction/forced disappearance"},
		{"a passives doer is not the one seized", "Two aid trucks were seized by rebels near Kidal on Sunday, the UN said.", "Looting/property destruction"},
		{"the leader of an act is no act", "Police in Mali arrested a rebel siege leader in Bamako on Sunday.", "Arrests"},
		{"a peoples word alone names people", "Gunmen seized an engineer and a Canadian from their camp near Gao on Sunday, in a raid that worried aid groups.", "Abduction/forced disappearance"},
		{"rockets fired are shelling", "Rebels fired rockets at an army base near Kidal on Sunday, the army said.", "Shelling/artillery/missile attack"},
		{"bombs discovered are disrupted", "Parcel bombs found\n\nThe discovery of two parcel bombs at a post office in Nairobi on Sunday led police to warn the public.", "Disrupted weapons use"},
		{"what an act foreshadows is not yet", "Militants fired rockets at a Kenyan border town on Sunday, foreshadowing more unrest in the region.", "Shelling/artillery/missile attack"},
		{"houses demolished in a raid are destruction", "Kenyan soldiers demolished nine houses during a raid in Mandera on Sunday, residents said.", "Looting/property destruction"},
		{"fighters who disarm change their activity", "Some 300 militia fighters disarmed near Bunia on Sunday, handing in their weapons at a transit camp.", "Change to group/activity"},
		{"a prisoner exchange is an agreement", "Two neighbours agree prisoner swap\n\nThe two states freed nine detainees each at a border post on Sunday, officials said.", "Agreement"},
		{"a lead naming the headlines act keeps it", "Army Arrests a Militia Chief\n\nThe arrest of the Mai-Mai militia chief raises concerns about the loyalty of the new brigades.", "Arrests"},
		{"the doer of an attack is not its victim", "Nine killed in Niger rebel attack", "Attack"},
		{"the doer of an attack is not its victim", "Five killed in Somalia insurgent attack", "Attack"},
		{"an arrest over a bombing is the arrest", "Three men were arrested over the bus bombing in Kampala, police said on Sunday.", "Arrests"},
		{"an arrest over a bombing is the arrest", "Two brothers held over market bombing in Garissa\n\nTwo brothers were detained over the market bombing in Garissa, officials said.", "Arrests"},
		{"a crowd described still acts", "Protesters with a landless farmers' movement blocked a railway line near Resplendor on Monday.", "Peaceful protest"},
		{"a crowd described still acts", "Demonstrators from the informal settlement marched to the municipal offices in Kimberley on Tuesday.", "Peaceful protest"},
		{"protests that go on", "The mood in Bloemhof was tense on Thursday as protest action intensified over water cuts.", "Peaceful protest"},
		{"protests that go on", "On Monday, protests started in the township of Bloemhof over the price of water.", "Peaceful protest"},
		{"protests that go on", "Residents of the township have blocked roads into Bloemhof since Monday morning, a councillor said.", "Peaceful protest"},
		{"a councillor stabbed is political violence", "An opposition councillor was stabbed on his way home from a meeting in Kisumu.", "Attack"},
	} {
		got := reported(run(t, tt.text, "2024-12-07"))
		if len(got) == 0 || got[0].SubEventType != tt.want {
			t.Errorf("%s: %q gave %s, want %s first", tt.name, tt.text, describe(got), tt.want)
		}
	}
}

func TestModalityOfTheNewsRegister(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"a nominal capture with a modal is hypothetical", "Rebels pressed south. The capture of Kafr Nabl would open the road to the coast.", sitrep.Hypothetical},
		{"a bid to retake is an intent", "The army launched a push in a bid to retake Kafr Nabl.", sitrep.Hypothetical},
		{"a goal to liberate is an intent", "Commanders set a goal to liberate Kafr Nabl before the rains.", sitrep.Hypothetical},
		{"an order to withdraw is not a withdrawal", "Moscow ordered the withdrawal of its troops from the city of Kherson on Wednesday.", sitrep.Hypothetical},
		{"clearing the way for a withdrawal is a plan", "Parliament backed the plan on Tuesday, clearing the way for a withdrawal of settlers from Gaza.", sitrep.Hypothetical},
		{"on the verge of taking is not yet taken", "The rebels are on the verge of taking over the army headquarters in Kafr Nabl.", sitrep.Hypothetical},
		{"managed to enter is a fact", "Rebel fighters managed to enter Kafr Nabl on Friday.", sitrep.Reported},
		{"forced to withdraw is a fact", "Government troops were forced to withdraw from Kafr Nabl on Friday.", sitrep.Reported},
		{"nearing control is not yet control", "State television said the army was nearing full control of the airport at Kafr Nabl on Friday.", sitrep.Hypothetical},
		{"close to taking is not yet taken", "The rebels are close to taking control of Kafr Nabl, a commander said on Friday.", sitrep.Hypothetical},
		{"the failure to capture is negated", "The rebels' failure to capture Kafr Nabl was a setback.", sitrep.Negated},
		{"a capture with an aside and a modal is hypothetical", "Fighting raged across Darfur in Sudan. The capture of Nyala, if confirmed, would leave the RSF alone in the west.", sitrep.Hypothetical},
	} {
		// A change of control not asserted may be kept with its
		// certainty or left out; it is never reported.
		evs := run(t, tt.text, "2024-12-07")
		var got []string
		found, reportedChange := false, false
		for _, e := range evs {
			switch e.SubEventType {
			case "Non-state actor overtakes territory", "Government regains territory", "Non-violent transfer of territory":
				got = append(got, e.Certainty)
				found = found || e.Certainty == tt.want
				reportedChange = reportedChange || e.Certainty == sitrep.Reported
			}
		}
		if tt.want == sitrep.Reported && !found || tt.want != sitrep.Reported && reportedChange {
			t.Errorf("%s: %q: changes of control %v, want %s\n%s", tt.name, tt.text, got, tt.want, describe(evs))
		}
	}
}

func TestBackgroundTakesNoPlace(t *testing.T) {
	evs := run(t, "Rebels have shelled Kafr Nabl every night since they seized Maarat al-Numan.", "2024-12-07")
	for _, e := range reported(evs) {
		if e.SubEventType == "Non-state actor overtakes territory" {
			t.Errorf("a capture told as background after 'since' was recorded: %s", describe([]sitrep.Event{e}))
		}
	}
}

func TestTollsApartFromEvents(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		dead, fled int // the toll's figure; -1: none
		period     string
	}{
		{"dead since a start", "Since the uprising began in March, more than 300 people have been killed in Darfur.", 300, -1, "since the uprising began"},
		{"a week's toll", "The toll from the week's fighting in Darfur has risen to 90, a monitoring group said.", 90, -1, "the week's"},
		{"fled since", "Thousands have fled El Geneina since the clashes began.", -1, 1000, "since the clashes began"},
		{"a toll that tops a figure", "The death toll among peacekeepers in Mali tops 150, the mission said.", 150, -1, "death toll"},
	} {
		evs := run(t, tt.text, "2024-12-07")
		var toll *sitrep.Event
		for i := range evs {
			if evs[i].Kind == sitrep.KindToll {
				toll = &evs[i]
			}
			if evs[i].Kind == "" && evs[i].Fatalities != nil && *evs[i].Fatalities > 0 {
				t.Errorf("%s: an event counts the toll's dead: %s", tt.name, describe(evs[i:i+1]))
			}
		}
		if toll == nil {
			t.Errorf("%s: %q: no toll\n%s", tt.name, tt.text, describe(evs))
			continue
		}
		figure := func(p *int) int {
			if p == nil {
				return -1
			}
			return *p
		}
		if figure(toll.Fatalities) != tt.dead || figure(toll.Displaced) != tt.fled || !strings.Contains(strings.ToLower(toll.Period), tt.period) || toll.Date != "2024-12-07" {
			t.Errorf("%s: toll %s, period %q, date %s; want dead %d, fled %d, period %q, as of 2024-12-07", tt.name, describe([]sitrep.Event{*toll}), toll.Period, toll.Date, tt.dead, tt.fled, tt.period)
		}
	}
	// An event's own dead stay its own.
	evs := reported(run(t, "At least 12 people were killed when a shell hit the bus station in Goma.", "2024-12-07"))
	if len(evs) == 0 || evs[0].Fatalities == nil || *evs[0].Fatalities != 12 || evs[0].Kind != "" {
		t.Errorf("a shell's dead: %s, want an event with 12", describe(evs))
	}
}

func TestTheEventsOwnPlace(t *testing.T) {
	for _, tt := range []struct{ name, text, want, not string }{
		{"a dateline is where the report was filed", "NAIROBI (Wire) - Gunmen from the rebel group ambushed a convoy near Garissa on Friday.", "Garissa", "Nairobi"},
		{"officials in the capital speak from the capital", "Clashes between the army and rebels spread in Tigray, officials in Addis Ababa said.", "Tigray", "Addis Ababa"},
		{"the capital standing for its rulers", "Rebels shelled Idlib overnight, a Damascus ally said.", "Idlib", "Damascus"},
		{"where troops retreated to is not where they fought", "Army troops withdrew from Sake after heavy fighting with the rebels and retreated to Goma.", "Sake", "Goma"},
		{"a town placed by another", "Army troops and rebels clashed in Sake, west of Goma, on Friday.", "Sake", "Goma"},
		{"a place's possessive owns the town", "Russian troops retook Kursk's largest town, Sudzha, on Thursday.", "Sudzha", "Kursk"},
		{"a day before the city in brackets is a dateline", "7-12-2024 (BEIRUT) Rebels entered the city of Homs late on Saturday, a monitor said.", "Homs", "Beirut"},
		{"the place taken before the place a speaker was in", "Rebels took the town of Kidal on Friday, a spokesman said in Bamako.", "Kidal", "Bamako"},
		{"the town shelled before the place a speaker was in", "Government troops attacked the town of Ndele on Monday, a spokesman said in Bangui.", "Ndele", "Bangui"},
		{"the place taken before the cities that place it", "Rebels took over Homs, a city between Damascus and Latakia, on Saturday, a monitor said.", "Homs", "Latakia"},
		{"a country qualifying the source is not the scene", "Gao car bombs kill nine\n\nGAO, Mali - Two car bombs shook the town on Sunday, killing nine people, U.S. and Malian officials said.", "Gao", "United States"},
		{"a country paired with a people's adjective qualifies a noun", "Insurgents fired rockets on Saturday at United States and Afghan outposts across Afghanistan, killing six soldiers.", "Afghanistan", "United States"},
		{"a newspaper's town is no scene", "Militants said they had killed a guard, the Kabul Times reported on Monday.", "Afghanistan", "Kabul"},
		{"a Briton is a person, not a town", "A Briton and two Americans were kidnapped from a guest house in a wealthy Kirkuk district before dawn, the ministry said.", "Kirkuk", "Britton"},
		{"a city before an agency's bracket is a dateline", "Amman, (Wire - 8th Dec, 2024) Rebels entered the city of Homs late on Saturday, a monitor said.", "Homs", "Amman"},
	} {
		evs := reported(run(t, tt.text, "2024-12-07"))
		if len(evs) == 0 || evs[0].Location == nil {
			t.Errorf("%s: %q: no placed event: %s", tt.name, tt.text, describe(evs))
			continue
		}
		for _, e := range evs {
			if e.Location != nil && strings.Contains(text.Fold(e.Location.Name), text.Fold(tt.not)) {
				t.Errorf("%s: %q: an event at %s: %s", tt.name, tt.text, tt.not, describe([]sitrep.Event{e}))
			}
		}
		if !strings.Contains(text.Fold(evs[0].Location.Name), text.Fold(tt.want)) && !strings.Contains(text.Fold(evs[0].Location.Admin1), text.Fold(tt.want)) {
			t.Errorf("%s: %q: first event at %s, want %s", tt.name, tt.text, evs[0].Location.Name, tt.want)
		}
	}
}

func TestAClaimOfCaptureWaits(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"the taker's spokesman", "A spokesman for the M23 said its fighters had captured Sake on Friday.", sitrep.Claimed},
		{"claimed to have captured", "The M23 rebels claimed to have captured Sake on Friday.", sitrep.Claimed},
		{"the other side's word is a report", "The Congolese army said M23 rebels had captured Sake on Friday.", sitrep.Reported},
	} {
		var got []string
		for _, e := range run(t, tt.text, "2024-12-07") {
			if e.SubEventType == "Non-state actor overtakes territory" {
				got = append(got, e.Certainty)
			}
		}
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("%s: %q: captures %v, want %s", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestWithdrawalUnderFireIsTheOtherSidesGain(t *testing.T) {
	nominal := reported(run(t, "The army chief confirmed the retreat of Ukrainian troops from the town of Pokrovsk after months of fierce fighting with Russian forces.", "2024-12-07"))
	if len(nominal) == 0 || nominal[0].SubEventType != "Non-state actor overtakes territory" {
		t.Errorf("the retreat of troops from a town under fire: %s, want the other side overtaking it", describe(nominal))
	}
	evs := reported(run(t, "Kyiv troops withdrew from the eastern town of Pokrovsk after months of fierce battles, the army chief said.", "2024-12-07"))
	if len(evs) == 0 {
		t.Fatal("no event from a withdrawal under fire")
	}
	e := evs[0]
	if e.SubEventType != "Non-state actor overtakes territory" || e.Location == nil || !strings.Contains(text.Fold(e.Location.Name), "pokrovsk") {
		t.Errorf("got %s, want the other side overtaking Pokrovsk (not Kyiv, whose troops withdrew)", describe(evs))
	}
	if e.Actor2 == nil || e.Actor2.Side != "government" {
		t.Errorf("actor2 %+v, want the army that withdrew, the side that lost", e.Actor2)
	}
}

func TestAnArmyDoesNotFightItself(t *testing.T) {
	for _, tt := range []struct{ text, a2 string }{
		{"Heavy fighting broke out between the army and the RSF near El Fasher on Friday.", "RSF"},
		{"Sudanese troops fought fierce battles with RSF fighters in Omdurman on Friday.", "RSF"},
	} {
		evs := reported(run(t, tt.text, "2024-12-07"))
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		e := evs[0]
		if e.Actor1 == nil || e.Actor2 == nil || e.Actor1.Name == e.Actor2.Name || !strings.Contains(e.Actor1.Name+" "+e.Actor2.Name, tt.a2) {
			t.Errorf("%q: %s, want the army against the %s", tt.text, describe(evs), tt.a2)
		}
	}
}

// An act the sentence dates long before publication is history; a date
// carried over from an earlier sentence does not date a later act.
func TestHistoryIsNotTheNews(t *testing.T) {
	if got := reported(run(t, "Rebels captured Menaka in March 2021, officials recalled.", "2024-12-07")); len(got) > 0 {
		t.Errorf("a capture dated three years before publication was recorded: %s", describe(got))
	}
	for _, e := range reported(run(t, "The rebels, who have long controlled Kidal, met mediators in Algiers on Monday.", "2024-12-07")) {
		if sitrep.Territorial(e.SubEventType) {
			t.Errorf("a place long held was recorded as taken: %s", describe([]sitrep.Event{e}))
		}
	}
	if got := reported(run(t, "Kherson, the only regional capital the Russian army captured since the invasion, lies on the river.", "2024-12-07")); len(got) > 0 {
		t.Errorf("a capture recalled with 'since' was recorded: %s", describe(got))
	}
	if got := reported(run(t, "Soldiers have been fighting the rebels near Gao since dawn, the army said.", "2024-12-07")); len(got) == 0 {
		t.Error("fighting since dawn is news, and no event was recorded")
	}
	got := reported(run(t, "The rebel offensive began on 3 March. Soldiers clashed with the rebels near Gao.", "2024-12-07"))
	if len(got) == 0 || got[0].Date != "2024-12-07" {
		t.Errorf("a clash with no day of its own after an old date: %s, want it dated the publication day", describe(got))
	}
}

// A battle's sentence that names one side takes for the other the armed
// actor of another side the article names most, twice at least, with the
// span of one of its mentions.
func TestABattlesOtherSideFromTheArticle(t *testing.T) {
	text := "Russian forces shelled Bakhmut overnight, and Russian forces attacked the northern districts. Ukrainian troops fought on in Andriivka on Sunday."
	for _, e := range reported(run(t, text, "2023-09-17")) {
		if e.Actor1 == nil || e.Actor1.Name != "Military Forces of Ukraine" {
			continue
		}
		if e.Actor2 == nil || e.Actor2.Name != "Military Forces of Russia" {
			t.Fatalf("the Ukrainian troops' fight: %s, want Russia's forces as actor2", describe([]sitrep.Event{e}))
		}
		if sp := e.Actor2.Span; text[sp[0]:sp[1]] != "Russian forces" {
			t.Errorf("actor2's span %v is %q, want a mention of Russian forces", sp, text[sp[0]:sp[1]])
		}
		return
	}
	t.Errorf("no fight by the Ukrainian troops in %q", text)
}

// A base, a district or the centre of a town changing hands is an event,
// but not the town's change of hands; the last foothold in a town is.
func TestASiteTakenIsNotTheTownTaken(t *testing.T) {
	for _, tt := range []struct{ name, text, site string }{
		{"a base outside a town", "Separatist fighters seized an army base outside Kidal on Tuesday.", "base"},
		{"the centre of a town", "Russian troops entered the centre of Bakhmut on Monday, a Ukrainian general said.", "centre"},
		{"most of a town", "The RSF took control of most of Nyala on Thursday.", "most"},
		{"a garrison taken is ground taken", "KNLA fighters captured an infantry garrison near Myawaddy before dawn on Thursday.", "garrison"},
		{"the town itself", "The rebels captured the town of Hama on Thursday.", ""},
		{"the last foothold is the town", "The Arakan Army captured the last army outpost in Maungdaw on Sunday.", ""},
	} {
		var got []string
		for _, e := range reported(run(t, tt.text, "2024-12-07")) {
			if sitrep.Territorial(e.SubEventType) {
				got = append(got, e.Site)
			}
		}
		if len(got) != 1 || got[0] != tt.site {
			t.Errorf("%s: %q: sites of changes of hands %q, want [%q]", tt.name, tt.text, got, tt.site)
		}
	}
}

// A village the gazetteer lacks, placed by a town ("west of Goma"), is
// near the town, not the town: no change of hands of the town.
func TestAnUnknownVillageIsNotTheTownThatPlacesIt(t *testing.T) {
	evs := reported(run(t, "The rebels captured the village of Kabolozi, west of Goma, on Friday.", "2024-12-07"))
	if len(evs) == 0 {
		t.Fatal("no event at all")
	}
	for _, e := range evs {
		if e.Location != nil && e.Location.Precision == sitrep.PrecisionTown {
			t.Errorf("an unknown village placed at a town: %s", describe([]sitrep.Event{e}))
		}
	}
}

// A dateline's date is the day the report was filed; the act's own day
// is the one its sentence gives after it.
func TestADatelineDateIsTheReportsDay(t *testing.T) {
	evs := reported(run(t, "KASSALA, Sudan, Jan 13 — Sudanese troops retook the town of Sennar on Sunday after heavy fighting.", "2025-01-13"))
	if len(evs) == 0 || evs[0].Date != "2025-01-12" {
		t.Errorf("got %s, want the retaking dated Sunday 2025-01-12", describe(evs))
	}
}

// "Its army", "the country's forces": a possessive points to the side
// named before it, not to the country the fighting is in.
func TestAPossessiveNamesTheSide(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Moscow said on Monday that Russia's defence chief had told Putin its army captured the town of Marinka in eastern Ukraine.", "Russia"},
		{"Russia's defence minister said the country's armed forces took control of the town of Marinka in Ukraine on Monday.", "Russia"},
	} {
		var got []string
		for _, e := range run(t, tt.text, "2023-12-25") {
			if sitrep.Territorial(e.SubEventType) && e.Actor1 != nil {
				got = append(got, e.Actor1.Name)
			}
		}
		if len(got) == 0 || !strings.Contains(got[0], tt.want) {
			t.Errorf("%q: takers %q, want %s's forces", tt.text, got, tt.want)
		}
	}
}

// The side another side was fighting is not the one that acted: "X,
// locked in conflict with the army, entered the town" is not the army's
// entry; "with rebels claiming to have seized" and "a fighter with HTS"
// name their own.
func TestTheSideFoughtIsNotTheActor(t *testing.T) {
	evs := run(t, "After weeks of fighting with Myanmar's military, the group has taken over the town of Kyauktaw.", "2024-12-07")
	if len(evs) == 0 {
		t.Fatal("no event at all")
	}
	for _, e := range evs {
		if sitrep.Territorial(e.SubEventType) && e.Actor1 != nil && e.Actor1.Side == "government" {
			t.Errorf("the army fought is taken for the taker: %s", describe([]sitrep.Event{e}))
		}
	}
}

// An article that names only a neighbouring country, and a rebel group by
// its own name, is news from the group's country: "the junta" is its
// army, not the neighbour's.
func TestARebelGroupPlacesTheNews(t *testing.T) {
	evs := run(t, "The KNU seized a junta base in Papun on Friday. The KNLA said the base lay a day's walk from Thailand.", "2024-12-07")
	if len(evs) == 0 {
		t.Fatal("no event at all")
	}
	for _, e := range evs {
		for _, a := range []*sitrep.Actor{e.Actor1, e.Actor2} {
			if a != nil && a.Country == "TH" {
				t.Errorf("the neighbour's forces in a Karen rebel capture: %s", describe([]sitrep.Event{e}))
			}
		}
	}
}

// A neighbour named by the border is no party: "on the border with
// Uganda" names where, not whom.
func TestANeighbourAtTheBorderIsNoParty(t *testing.T) {
	evs := run(t, "M23 rebels seized the eastern town of Bunagana on the border with Uganda, activists said on Monday.", "2024-12-07")
	if len(evs) == 0 {
		t.Fatal("no event at all")
	}
	fled := run(t, "M23 rebels seized the border town of Bunagana on Monday, sending thousands of civilians fleeing into neighbouring Uganda.", "2024-12-07")
	if len(fled) == 0 {
		t.Fatal("no event from the flight into a neighbour")
	}
	for _, e := range append(evs, fled...) {
		for _, a := range []*sitrep.Actor{e.Actor1, e.Actor2} {
			if a != nil && a.Country == "UG" {
				t.Errorf("the neighbour at the border is a party: %s", describe([]sitrep.Event{e}))
			}
		}
		if e.Location != nil && e.Location.CountryCode == "UG" {
			t.Errorf("the neighbour at the border is the place: %s", describe([]sitrep.Event{e}))
		}
	}
}

// A demonym before a nominal act names who did it ("34 Russian attacks"),
// and a general staff is an army's, not a staff that protests.
func TestADemonymBeforeTheActIsItsDoer(t *testing.T) {
	evs := reported(run(t, "The General Staff of Ukraine's armed forces reported 34 Russian attacks in the Avdiivka area over the past day.", "2024-02-10"))
	if len(evs) == 0 {
		t.Fatal("no event at all")
	}
	for _, e := range evs {
		if e.Actor1 == nil || e.Actor1.Country != "RU" {
			t.Errorf("the attacks are not Russia's: %s", describe([]sitrep.Event{e}))
		}
	}
}

// A namesake town abroad, named again and again, does not take the
// article from the country a region surely places it in and whose rebel
// groups it names; a foreign group with no sure place of its own does not
// take it either.
func TestAGroupAtHomeOutweighsANamesakeAbroad(t *testing.T) {
	text := "Rebels of the Northern Front took Aba. Aba fell after Aba was cut off in Kivu, the Front said; the Front holds Aba."
	at := func(name string, n int) int { // the byte offset of the nth name
		i := -1
		for ; n > 0; n-- {
			i += 1 + strings.Index(text[i+1:], name)
		}
		return i
	}
	place := func(name string, n int, cc string, level gazetteer.Level, score float64) geoparse.Mention {
		s := at(name, n)
		return geoparse.Mention{Start: s, End: s + len(name), Text: name, Score: score,
			Place: &gazetteer.Place{Name: name, CountryCode: cc, Level: level}}
	}
	d := &doc{text: text, places: []geoparse.Mention{
		place("Aba", 1, "NG", gazetteer.LevelTown, 0.5), place("Aba", 2, "NG", gazetteer.LevelTown, 0.3),
		place("Aba", 3, "NG", gazetteer.LevelTown, 0.3), place("Kivu", 1, "CD", gazetteer.LevelRegion, 1),
		place("Aba", 4, "NG", gazetteer.LevelTown, 0.3),
	}}
	groups := func(cc string) []actors.Mention {
		var ms []actors.Mention
		for n := 1; n <= 3; n++ {
			s := at("Front", n)
			ms = append(ms, actors.Mention{Start: s, End: s + 5, Text: "Front", Head: true,
				Actor: actors.Actor{Name: "Northern Front", Side: "rebel", Country: cc}})
		}
		return ms
	}
	if got := d.focusCountry(groups("CD")); got != "CD" {
		t.Errorf("a group named at home, with a sure region of its country: focus %q, want CD", got)
	}
	if got := d.focusCountry(groups("LB")); got != "NG" {
		t.Errorf("a foreign group with no sure place of its own: focus %q, want NG (the places)", got)
	}
}

// A source that goes on with "it" or "they" is the doer of what it
// reports; the people's word before a town only says whose town it was.
func TestTheSourcesItIsTheTaker(t *testing.T) {
	for _, tt := range []struct{ text, sub, actor1 string }{
		{"The Malian army said on Tuesday it had taken the northern rebel stronghold of Kidal.", "Government regains territory", "Military Forces of Mali"},
		{"The M23 said on Friday that they had seized the army-held town of Sake.", "Non-state actor overtakes territory", "M23: March 23 Movement"},
		{"The army said it had seized control of the rebel stronghold town of Kidal.", "Government regains territory", "Military Forces of Mali"},
		{"The army announced that they are carrying out airstrikes on rebel positions near Kidal.", "Air/drone strike", "Military Forces of Mali"},
		{"French media showed footage of rebel fighters entering the town of Kidal on Friday.", "Non-state actor overtakes territory", "Opposition Rebels (Mali)"},
	} {
		evs := run(t, tt.text, "2024-12-07")
		if len(evs) == 0 || evs[0].SubEventType != tt.sub || evs[0].Actor1 == nil || evs[0].Actor1.Name != tt.actor1 {
			t.Errorf("%q gave %s, want %s by %s", tt.text, describe(evs), tt.sub, tt.actor1)
		}
	}
}

// A paragraph that runs on past its act adds no detail to it from far
// away: a protest told five sentences after a stabbing is its own.
func TestADistantSentenceIsNoDetail(t *testing.T) {
	evs := reported(run(t, "A taxi owner was stabbed outside a tavern in Mdantsane on Friday, police said. The suspect was arrested at his home. He appeared in court on Monday. The magistrate granted him bail. She said the case would be heard in June. Residents had protested outside the court, she said.", "2024-12-07"))
	if len(evs) == 0 || evs[0].SubEventType != "Attack" {
		t.Errorf("the stabbing: %s, want an attack first", describe(evs))
	}
}

// Whom an act of harm hits is its target, even when the act's own word
// comes first: "a roadside bomb killed three soldiers" is no soldiers'
// bombing.
func TestTheHarmedAreTheTarget(t *testing.T) {
	for _, text := range []string{
		"A roadside bomb killed three soldiers near Kandahar on Monday.",
		"The militants claimed to have shot dead two police officers in Mandera on Tuesday.",
	} {
		evs := run(t, text, "2024-12-07")
		if len(evs) == 0 {
			t.Errorf("%q: no event", text)
			continue
		}
		if a := evs[0].Actor1; a != nil && (a.Side == "government") {
			t.Errorf("%q: the harmed are actor1: %s", text, describe(evs))
		}
	}
}

// A crowd in a battle's sentence is no side of it: residents who flood a
// square as troops enter are the town's, not the army's opponent.
func TestACrowdIsNoSideOfABattle(t *testing.T) {
	evs := run(t, "Rebel fighters have entered Kidal, the regional capital, and residents have flooded the central square.", "2024-12-07")
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	for _, e := range evs {
		if e.EventType == sitrep.Battles && e.Actor2 != nil && (e.Actor2.Side == "protesters" || e.Actor2.Side == "rioters") {
			t.Errorf("a crowd is the battle's other side: %s", describe([]sitrep.Event{e}))
		}
	}
}

// A headline restates the lead under it: the lead's event, which says
// who did what where, is the one kept.
func TestAHeadlineDefersToItsLead(t *testing.T) {
	txt := "Clashes kill nine near Gao\n\nArmy troops battled fighters of the Northern Hawks outside Gao on Monday, killing nine of them."
	evs := reported(run(t, txt, "2024-12-07"))
	if len(evs) == 0 {
		t.Fatalf("no event: %s", describe(evs))
	}
	for _, e := range evs {
		if e.Span[0] < strings.Index(txt, "\n") {
			t.Errorf("an event of the headline beside the lead's: %s", describe([]sitrep.Event{e}))
		}
	}
	// A headline whose lead reports nothing keeps its event.
	txt = "Gunmen kill five at Kidal market\n\nThe town's mayor spoke to reporters in Bamako on Tuesday about the schools."
	if evs := reported(run(t, txt, "2024-12-07")); len(evs) == 0 {
		t.Errorf("%q: the headline's event is lost", txt)
	}
}

// A headline's participle with no object after it is suffered by whom it
// names before it: the commander was killed, he did not kill.
func TestAHeadlineParticipleIsPassive(t *testing.T) {
	evs := run(t, "Mali al-Qaeda commander killed\n\nThe army in Bamako gave no details on Tuesday.", "2024-12-07")
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if a := evs[0].Actor1; a != nil && strings.Contains(a.Name, "JNIM") {
		t.Errorf("the killed commander's group is the killer: %s", describe(evs))
	}
}

// An act placed only by a town ("south of Goma") happened near the town:
// it is placed there, at a coarser precision, rather than at the country;
// a change of hands is never placed so.
func TestAnActPlacedOnlyByATown(t *testing.T) {
	evs := reported(run(t, "Army troops and the rebels fought for hours south of Goma city on Friday.", "2024-12-07"))
	if len(evs) == 0 || evs[0].Location == nil || evs[0].Location.Name != "Goma" || evs[0].Location.Precision != sitrep.PrecisionDistrict {
		t.Errorf("a fight south of Goma: %s, want it near Goma (district precision)", describe(evs))
	}
	for _, e := range reported(run(t, "The rebels seized two hills west of Goma on Friday.", "2024-12-07")) {
		if e.Location != nil && e.Location.Name == "Goma" {
			t.Errorf("hills taken west of Goma: a change of hands placed at Goma: %s", describe([]sitrep.Event{e}))
		}
	}
}

// A group that fights in one country only says where a text is that
// names no country: a town spelt as that country's papers spell it is
// read there.
func TestAGroupOfOneCountryPlacesTheText(t *testing.T) {
	evs := reported(run(t, "Gunmen fired on an HTS checkpoint in the town of Darkosh at dawn, wounding two.", "2024-12-07"))
	if len(evs) == 0 || evs[0].Location == nil || evs[0].Location.CountryCode != "SY" || evs[0].Location.Precision != sitrep.PrecisionTown {
		t.Errorf("an HTS checkpoint in Darkosh: %s, want the town in Syria", describe(evs))
	}
}

// A protest still to come is no event: a union that balloted its members
// about a strike, campaigners who are to stage a rally, threats of more
// marches.
func TestAProtestToComeIsNoProtest(t *testing.T) {
	wantSilence(t,
		"The union's members in Leeds are being balloted about a walkout over pay.",
		"The teachers' union is to ballot its members on strikes in protest at the new contracts.",
		"Residents of Kisumu are to stage a rally demanding a new bridge over the river.",
		"Hauliers in Nakuru have made threats of more protests over the fuel levy.",
	)
}

// One rallies voters or demonstrates a point; a crowd rallies or
// demonstrates in, at or against. With people of a crowd's kind beside
// it, the verb with an object is still no protest.
func TestRalliedVotersAreNoRally(t *testing.T) {
	wantSilence(t,
		"Addressing students in Leeds, the prime minister rallies Labour voters before the election.",
		"The union leader was rallying the workers of the port in Mombasa, which the students cheered.",
		"The new handset demonstrates the strength of the software industry, students at the fair in Nairobi said.",
	)
	wantEvents(t,
		"Teachers demonstrated outside the ministry in Nairobi on Monday.",
		"Hundreds of traders rallied in Kisumu against the new market fees.",
		"Thousands gathered at the stadium in Kisumu to demonstrate their support for the troops.",
		"Police beat demonstrating members of the union in Kisumu on Monday.",
	)
}

// A fight between people is personal violence unless a crowd, a group or
// an armed side fights it: the police called to it and a guard who saw it
// are no side.
func TestAScrapNeedsSides(t *testing.T) {
	wantSilence(t,
		"The singer was arrested after a fight during his concert in Leeds on Friday, a security guard said.",
		"The guitarist got into an altercation with a fan after the show in Leeds, and police were called.",
	)
	wantEvents(t,
		"Supporters of the two parties fought a brawl outside the polling station in Kisumu on Monday.",
		"A scuffle broke out in Kisumu between police and traders who stormed the county offices.",
	)
}

// A text with no publication day dates its news by a day or a month; an
// act dated by a year alone is its background.
func TestAnActOfAYearIsBackgroundInAnUndatedText(t *testing.T) {
	undated := func(txt string) []sitrep.Event {
		return reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: txt}))
	}
	if got := undated("The actor refused his award in 1973 in protest at the studios' treatment of miners."); len(got) > 0 {
		t.Errorf("an act of 1973 gave %s", describe(got))
	}
	if got := undated("Thousands of students marched through Nairobi in 1982 to protest the closure of the university."); len(got) > 0 {
		t.Errorf("a march of 1982 gave %s", describe(got))
	}
	if got := undated("Thousands of students marched through Nairobi on Monday to protest the closure of the university."); len(got) == 0 {
		t.Errorf("a march of Monday gave no event")
	}
}

// One person or one body that protested objected; people protest in
// numbers.
func TestOneWhoProtestedObjected(t *testing.T) {
	wantSilence(t,
		"The defence protested after the witness in Nairobi refused to answer their questions.",
		"Mr Otieno protested when the referee in Kisumu sent him off.",
	)
	wantEvents(t,
		"Residents protested after the council in Nairobi closed the market.",
		"The crowd protested outside the court in Nairobi.",
	)
}

// The month of May after a nominal capture is no modal "may".
func TestTheMonthOfMayIsNoModal(t *testing.T) {
	evs := run(t, "The rebels' capture of Kafr Nabl on 3 May gave them the road to the coast.", "2024-05-07")
	for _, e := range reported(evs) {
		if e.SubEventType == "Non-state actor overtakes territory" {
			return
		}
	}
	t.Errorf("a capture dated 3 May was not reported: %s", describe(evs))
}

// A protest people were asked or persuaded to stage is not yet staged;
// one they shut their stalls or gathered to stage is.
func TestAProtestAskedForIsNotStaged(t *testing.T) {
	wantSilence(t,
		"The organiser failed to persuade the other tenants in Kisumu to stage a protest against the landlord.",
		"The union urged its members in Kisumu to join the march on Friday.",
	)
	wantEvents(t,
		"Traders in Kisumu shut their stalls to stage a protest over the levy.",
		"Students gathered in Kisumu to hold a demonstration against the fees.",
	)
}

// wantSilence fails for each text that yields an event reported as fact
// (published 2024-12-07).
func wantSilence(t *testing.T, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if got := reported(run(t, text, "2024-12-07")); len(got) > 0 {
			t.Errorf("%q gave %s", text, describe(got))
		}
	}
}

// wantEvents fails for each text that yields no event reported as fact.
func wantEvents(t *testing.T, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if got := reported(run(t, text, "2024-12-07")); len(got) == 0 {
			t.Errorf("%q gave no event", text)
		}
	}
}

// The side that repels an attack is the one attacked: the attacks' side
// is actor1, whether the attacks are named by a demonym, by their group
// or by the agent of a passive.
func TestTheSideThatRepelsIsAttacked(t *testing.T) {
	for _, tt := range []struct{ text, a1, a2 string }{
		{"Ukrainian soldiers repelled Russian assaults around the village of Krynky on Tuesday.", "RU", "UA"},
		{"Russian assaults near Krynky were repulsed by Ukrainian soldiers on Tuesday.", "RU", "UA"},
		{"Russian soldiers kept repelling the Ukrainian incursion near Sudzha on Friday, officials said.", "UA", "RU"},
		{"Sudanese soldiers repelled an assault by the RSF on the city of El Obeid on Tuesday.", "RSF", "SD"},
		{"Our men repelled Russian assaults near Avdiivka on Monday, the commander said.", "RU", ""},
	} {
		evs := reported(run(t, tt.text, "2024-10-10"))
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		e := evs[0]
		side := func(a *sitrep.Actor, want string) bool {
			return want == "" || a != nil && (a.Country == want || strings.Contains(a.Name, want))
		}
		if !side(e.Actor1, tt.a1) || !side(e.Actor2, tt.a2) {
			t.Errorf("%q: %s, want %s attacking %s", tt.text, describe(evs), tt.a1, tt.a2)
		}
	}
}

// Civilians are no side of a battle: a town taken that is full of
// displaced people is taken from no one the sentence names, not from
// them; and a battle that names only its armed actor2 takes the other
// side the article names as actor1.
func TestCiviliansAreNoSideOfABattle(t *testing.T) {
	evs := reported(run(t, "The rebels seized the town of Sake on Thursday, a town crowded with displaced families.", "2024-10-10"))
	if len(evs) == 0 {
		t.Fatal("no capture of Sake")
	}
	for _, e := range evs {
		if e.Actor2 != nil && e.Actor2.Side == "civilians" {
			t.Errorf("a battle against civilians: %s", describe([]sitrep.Event{e}))
		}
	}
	text := "M23 rebels shelled Sake on Monday. M23 rebels also advanced near Goma. Congolese soldiers repelled five assaults near Sake on Tuesday."
	evs = reported(run(t, text, "2024-10-10"))
	for _, e := range evs {
		if e.Actor2 != nil && e.Actor2.Side == "government" && e.Date == "2024-10-08" {
			if e.Actor1 == nil || !strings.Contains(e.Actor1.Name, "M23") {
				t.Errorf("the soldiers' fight: %s, want M23 as actor1", describe([]sitrep.Event{e}))
			}
			return
		}
	}
	t.Errorf("no fight of the Congolese soldiers on Tuesday: %s", describe(evs))
}

// A capital with a possessive stands for its state: "Moscow's troops" in
// news about Ukraine are Russia's, not the army of the country the news
// is about.
func TestACapitalsTroopsAreItsStates(t *testing.T) {
	evs := reported(run(t, "In eastern Ukraine, Moscow's troops seized the village of Pisky near Donetsk on Monday.", "2024-02-20"))
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if a := evs[0].Actor1; a == nil || a.Country != "RU" {
		t.Errorf("%s, want Russia's forces as actor1", describe(evs))
	}
}

// A people's word before a place says where, not who: "in the Russian
// Kursk region" names no Russian party to the act.
func TestADemonymBeforeAPlaceIsWhere(t *testing.T) {
	evs := reported(run(t, "The president said his country's forces had taken the town of Korenevo in the Russian Kursk region on Thursday, as the Ukrainian army pressed on.", "2024-08-15"))
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	e := evs[0]
	if e.Actor1 == nil || e.Actor1.Country != "UA" || e.SubEventType != "Non-state actor overtakes territory" {
		t.Errorf("%s, want Ukraine's army overtaking the town", describe(evs))
	}
}

// A relative clause after the act tells of what it hangs on: its actors
// are no party to the act.
func TestARelativeClauseNamesNoParty(t *testing.T) {
	evs := reported(run(t, "The last base in the Gao region was handed over on Tuesday by the departing peacekeepers, who had been shelled by jihadist rebels for months.", "2023-10-31"))
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	for _, e := range evs {
		for _, a := range []*sitrep.Actor{e.Actor1, e.Actor2} {
			if a != nil && strings.Contains(a.Name, "Islamist") {
				t.Errorf("%s: the rebels of the relative clause are a party", describe([]sitrep.Event{e}))
			}
		}
	}
}

// A captive killed is an attack, not an abduction: the killing is the
// more severe act, as ACLED codes it; a captive still held is abducted.
func TestACaptiveKilledIsAnAttack(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Gunmen kidnapped two engineers near Kirkuk on Sunday and beheaded them the next day.", "Attack"},
		{"Militants beheaded a foreign hostage in Mosul on Tuesday.", "Attack"},
		{"Gunmen kidnapped two engineers near Kirkuk on Sunday.", "Abduction/forced disappearance"},
	} {
		wantFirst(t, tt.text, tt.want)
	}
}

// A country's word before a noun for civilians or their things names
// those people, not the country's forces: the attack on them is on
// civilians, and the hostage is not the one who holds.
func TestACountrysWordBeforeCiviliansNamesThem(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Gunmen opened fire on a car carrying a Kenyan Electoral Commission member near Garissa on Monday.", "Attack"},
		{"Gunmen attacked Somali homes in Mandera on Sunday night.", "Attack"},
	} {
		wantFirst(t, tt.text, tt.want)
	}
	txt := "Masked men in Mosul showed a Turkish hostage in a video on Monday."
	for _, e := range run(t, txt, "2024-12-07") {
		if e.Actor1 != nil && e.Actor1.Side != "civilians" && strings.Contains(e.Actor1.Name, "Turkey") {
			t.Errorf("%q: the hostage's country holds him: %s", txt, describe([]sitrep.Event{e}))
		}
	}
}

// A suicide car or truck bomber is a suicide bombing; beheadings kill;
// the beheading of an animal kills no one.
func TestSuicideBombersAndBeheadings(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"A suicide car bomber rammed a police convoy in Kirkuk on Monday, killing four officers.", "Suicide bomb"},
		{"A suicide truck bomber struck an army base outside Mogadishu on Friday.", "Suicide bomb"},
		{"Militants release video of two beheadings in Mosul", "Attack"},
	} {
		wantFirst(t, tt.text, tt.want)
	}
	txt := "Police officers dispersed a crowd in Meru that had gathered for the ritual beheading of a goat."
	for _, e := range reported(run(t, txt, "2024-12-07")) {
		if e.Fatalities != nil && *e.Fatalities > 0 || e.SubEventType == "Attack" {
			t.Errorf("%q: a goat's beheading killed someone: %s", txt, describe([]sitrep.Event{e}))
		}
	}
}

// Civilians who flee fighting are not its side: the clash they fled is
// a battle, not mob violence.
func TestThoseWhoFleeAClashAreNotItsSide(t *testing.T) {
	for _, text := range []string{
		"Villagers flee clashes near Beni",
		"Thousands of residents fled their homes after clashes near Beni, aid workers said on Monday.",
	} {
		evs := reported(run(t, text, "2024-12-07"))
		for _, e := range evs {
			if e.SubEventType == "Mob violence" {
				t.Errorf("%q: those who fled fought: %s", text, describe(evs))
			}
		}
		if len(evs) == 0 {
			t.Errorf("%q: no event", text)
		}
	}
}

// Aircraft that back a raid support it; the raid is done on the ground.
func TestAircraftInSupportAreNoStrike(t *testing.T) {
	text := "Army troops, backed by helicopter gunships, raided a rebel camp near Kidal on Sunday and killed six fighters."
	wantFirst(t, text, "Armed clash")
}

// A building burned with no one harmed is property destruction, even
// when the report calls it an attack.
func TestArsonWithNoOneHarmedIsPropertyDestruction(t *testing.T) {
	text := "Church set on fire in Mombasa\n\nA church in Mombasa was set on fire overnight in what looks like a new attack on the faith."
	wantFirst(t, text, "Looting/property destruction")
}

// A headline's bare participle tells who was taken: "Two teachers
// kidnapped in Mandera" is an abduction, by whom unsaid.
func TestAHeadlineNamesThePeopleTaken(t *testing.T) {
	text := "Two Kenyan teachers kidnapped near Mandera\n\nElders in the county are negotiating for their release, a spokesman said on Sunday."
	wantFirst(t, text, "Abduction/forced disappearance")
}

// A release told before the captivity it ends is the news: ACLED codes
// prisoner releases as agreements. A captivity told first stays an
// abduction, and words of release or of captors make no event alone.
func TestCaptivesFreedAreAnAgreement(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Two aid workers held in Mali were freed on Sunday, three weeks after being kidnapped near Gao.", "Agreement"},
		{"A nurse was released by her abductors near Mopti on Sunday, her employer said.", "Agreement"},
		{"Gunmen kidnapped two traders near Gao on Sunday and released them the next day.", "Abduction/forced disappearance"},
	} {
		wantFirst(t, tt.text, tt.want)
	}
	wantSilence(t,
		"Rebels in Mali released a statement on Sunday about the talks.",
		"Police in Bamako said on Sunday they were hunting the kidnappers of a businessman.",
	)
}

// Killing people in the killers' hands is one-sided whoever they are:
// soldiers found executed, a massacre of recruits, are an Attack.
func TestAnExecutionIsAnAttack(t *testing.T) {
	for _, text := range []string{
		"The bodies of twelve policemen who had been executed were found near Kidal on Sunday, the army said.",
		"Officials in Mali blamed the rebels for a massacre of 30 army cadets near Gao on Saturday.",
	} {
		wantFirst(t, text, "Attack")
	}
	// Fighters who took a policeman and then killed him: ACLED's battle.
	wantFirst(t, "Rebels abducted a policeman near Kidal on Sunday and later beheaded him, officials said.", "Armed clash")
}

// "By" before a country's word and a thing places the act; it names no
// doer: the country's forces did not shoot the man by the mall.
func TestByACountrysThingIsNoAgent(t *testing.T) {
	text := "A tourist was shot dead by a Kenyan shopping mall in Mombasa on Sunday, police said."
	for _, e := range reported(run(t, text, "2024-12-07")) {
		if e.Actor1 != nil && e.Actor1.Side == "government" {
			t.Errorf("%q: the country's forces as the doer: %s", text, describe([]sitrep.Event{e}))
		}
	}
}

// An attack said to have been foiled did not happen; arrests over a plot
// to bomb are arrests of the plotters, political violence planned.
func TestAFoiledAttackIsNoAttack(t *testing.T) {
	text := "A gun attack by militants on a church in Mombasa was thwarted on Sunday, police said."
	for _, e := range reported(run(t, text, "2024-12-07")) {
		if e.SubEventType == "Attack" || e.SubEventType == "Armed clash" {
			t.Errorf("%q: the foiled attack reported: %s", text, describe([]sitrep.Event{e}))
		}
	}
	wantFirst(t, "Police in Kenya arrested six men over a plot to bomb a church in Mombasa on Sunday.", "Arrests")
}

// Sources that speak are no party, whatever their country's word: the
// army that demolished houses did not fight the sources who told of it.
func TestSourcesAreNoParty(t *testing.T) {
	text := "The Kenyan army demolished nine houses during a raid in Mandera on Sunday, Somali security sources said."
	for _, e := range reported(run(t, text, "2024-12-07")) {
		if e.SubEventType == "Armed clash" {
			t.Errorf("%q: the sources as a side: %s", text, describe([]sitrep.Event{e}))
		}
	}
}

// wantFirst fails unless the first event text yields as fact has the
// sub-type want (published 2024-12-07).
func wantFirst(t *testing.T, text, want string) {
	t.Helper()
	if evs := reported(run(t, text, "2024-12-07")); len(evs) == 0 || evs[0].SubEventType != want {
		t.Errorf("%q: want %s first; %s", text, want, describe(evs))
	}
}

// A withdrawal's ground is the place left, not where the force went.
func TestAWithdrawalToAPlaceCedesNoneOfIt(t *testing.T) {
	for _, text := range []string{
		"Army soldiers in dozens of trucks withdrew to eastern Chad on Sunday.",
		"The garrison pulled back towards Kindu overnight, a local official said.",
	} {
		for _, e := range reported(run(t, text, "2024-12-07")) {
			if sitrep.Territorial(e.SubEventType) {
				t.Errorf("%q: the destination changed hands: %s", text, describe([]sitrep.Event{e}))
			}
		}
	}
}

// An act the text told, referred back to later ("the fighting"), is that
// act again: one event, not two.
func TestAnActReferredBackToIsNotAnother(t *testing.T) {
	text := "Government troops clashed with rebels in Kindu on Monday. Residents said the clashes in Kindu went on through the night."
	if got := reported(run(t, text, "2024-12-07")); len(got) != 1 {
		t.Errorf("%q gave %d events, want 1: %s", text, len(got), describe(got))
	}
}

// An army's or a rebel group's march is a force on the move, not a
// protest; a crowd's march, and the march the police break up, are.
func TestAForceMarchingIsNoProtest(t *testing.T) {
	for _, text := range []string{
		"Government soldiers marched through the village of Kiwanja on Monday after the rebels left.",
		"The rebels, backed by foreign troops, marched on the provincial capital overnight.",
		"Rebel fighters have blockaded the town of Kidal since Monday, cutting off its food supplies.",
	} {
		for _, e := range reported(run(t, text, "2024-12-07")) {
			if e.EventType == sitrep.Protests || e.EventType == sitrep.Riots {
				t.Errorf("%q: a force's march read as %s", text, describe([]sitrep.Event{e}))
			}
		}
	}
	wantFirst(t, "Hundreds of nurses marched through Kisumu on Monday to demand their unpaid wages.", "Peaceful protest")
	wantFirst(t, "Police fired tear gas to break up the march of students in Kisumu on Monday.", "Protest with intervention")
}

// The arrest of a leader, an officer of a force or a dissident is
// political whoever makes it; a thief held by the police stays crime.
func TestAnArrestOfAFigureIsAnEvent(t *testing.T) {
	for _, text := range []string{
		"Police in Lusaka detained the opposition leader on Monday, his party said.",
		"Ousted premier sacked, arrested in Yangon\n\nState radio gave no reason for the move on Sunday.",
		"Former premier held in Yangon\n\nThe former prime minister was arrested at his home in Yangon on Sunday, state radio said.",
	} {
		wantFirst(t, text, "Arrests")
	}
	for _, text := range []string{
		"Police in Lusaka arrested two men who stole cattle, the minister said.",
		"The minister said three men were arrested in Lusaka for stealing cattle.",
	} {
		if evs := reported(run(t, text, "2024-12-07")); len(evs) > 0 {
			t.Errorf("%q: a thief's arrest is crime: %s", text, describe(evs))
		}
	}
}

// A text that names no place is in the one country its states' words
// name; with two countries named it stays unplaced.
func TestAStateNamedAloneCountsForItsCountry(t *testing.T) {
	text := "Congolese troops battle mutineers\n\nArmy loyalists fought rebel soldiers near a deserted farming town on Friday, officers said."
	evs := reported(run(t, text, "2024-12-07"))
	if len(evs) == 0 || evs[0].Location == nil || evs[0].Location.CountryCode != "CD" {
		t.Errorf("%q: want an event in CD; %s", text, describe(evs))
	}
	text = "Russian jets back Syrian army\n\nThe army fought rebels near a farming town on Friday, backed by Russian airstrikes."
	for _, e := range reported(run(t, text, "2024-12-07")) {
		if e.Location != nil && e.Location.CountryCode == "RU" {
			t.Errorf("%q: a foreign air force's country is the place: %s", text, describe([]sitrep.Event{e}))
		}
	}
}

// Captives killed or wounded are harmed by their captors or in the fight
// to free them: political violence, whoever the sentence names; the
// remains of one found, or the slain recalled, are no new harm.
func TestCaptivesHarmedAreAnEvent(t *testing.T) {
	for _, text := range []string{
		"Two hostages held in a Sahel camp were wounded as troops stormed it near Menaka on Sunday, officials said.",
		"Kidnapped engineers: one captive dies in Menaka\n\nOne of the captives died of his wounds in Menaka on Sunday, officials said.",
	} {
		if evs := reported(run(t, text, "2024-12-07")); len(evs) == 0 {
			t.Errorf("%q: no event", text)
		}
	}
	text := "On Sunday officials in Menaka were still trying to bring home the remains of the murdered hostages."
	if evs := reported(run(t, text, "2024-12-07")); len(evs) > 0 {
		t.Errorf("%q: a recovery is no new harm: %s", text, describe(evs))
	}
}

// A protest staged after a killing, in the same paragraph, is a
// happening of its own, not a detail of the crime.
func TestAProtestAfterACrimeIsItsOwn(t *testing.T) {
	text := "A farmer in Mamelodi shot his neighbour dead over a debt, the court heard on Tuesday. He pleaded guilty to murder. Dozens of women from the township staged a protest outside the court, asking that he be denied bail."
	evs := reported(run(t, text, "2024-12-07"))
	if !slices.ContainsFunc(evs, func(e sitrep.Event) bool { return e.EventType == sitrep.Protests }) {
		t.Errorf("%q: no protest; %s", text, describe(evs))
	}
}

// A detail that says people were demonstrating makes the frame's
// blockade and stone-throwing a crowd's: a violent demonstration.
func TestADetailSaysWhoDemonstrated(t *testing.T) {
	text := "Jobless platinum miners from Thorncliffe in Limpopo went on the rampage early on Friday, police said. They blockaded roads to Sekhukhune and Burgersfort, a captain said. \"Cars were pelted with stones and a bus burned.\" A spokesman confirmed that the miners were demonstrating over their dismissal."
	evs := reported(run(t, text, "2024-12-07"))
	if !slices.ContainsFunc(evs, func(e sitrep.Event) bool { return e.SubEventType == "Violent demonstration" }) {
		t.Errorf("%q: no violent demonstration; %s", text, describe(evs))
	}
}

// People who block a road protest, whoever they are ("villagers",
// "a group of people", "children from the camp"); the same people
// gathering for a market do not.
func TestPeopleWhoBlockARoadProtest(t *testing.T) {
	for _, text := range []string{
		"On Saturday, the children from the transit camp blocked the railway near Gevgelija, demanding that the border open.",
		"Villagers blocked the highway outside Kisumu on Monday over a lack of water.",
	} {
		wantFirst(t, text, "Peaceful protest")
	}
	text := "Villagers gathered at the market in Kisumu on Monday to sell maize."
	if evs := reported(run(t, text, "2024-12-07")); len(evs) > 0 {
		t.Errorf("%q: a market is no protest: %s", text, describe(evs))
	}
}

// A protest whose detail says a petition was handed over is still a
// protest, not ground changing hands (an undated text, as wire copy
// often is).
func TestAHandoverInADetailIsNoTransfer(t *testing.T) {
	text := "About 300 nurses protested outside the provincial health offices in Bhisho on Tuesday. The union said the petition handed over on Monday had gone unanswered."
	evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text}))
	if len(evs) == 0 || evs[0].SubEventType != "Peaceful protest" {
		t.Errorf("%q: want a peaceful protest; %s", text, describe(evs))
	}
}

// A fight whose object is a scourge, not a side, is a struggle; an act
// someone moves to end has not happened by that move.
func TestAStruggleOrAMoveToEndIsNoAct(t *testing.T) {
	wantSilence(t,
		"Soldiers battled the blaze at a fuel depot near Gao for six hours on Monday.",
		"The new police chief in Kano vowed on Monday that his officers would fight crime street by street.",
		"Regional ministers in Addis Ababa agreed on Monday on moves to stop rebel raids on border villages.",
		"The council asked for an emergency session in Geneva to halt militia attacks on the camps.",
	)
	wantEvents(t,
		"Soldiers battled the rebels at a fuel depot near Gao for six hours on Monday.",
		"Police in Gao tried to stop the crowd, which then attacked the governor's office with stones.",
	)
}

// What one suspect is arrested for is the grounds of the arrest, a crime
// as the police tell it; an armed man's violence stays an event.
func TestOneSuspectsCrimeIsTheGroundsOfHisArrest(t *testing.T) {
	wantSilence(t,
		"Police in Eldoret have arrested a man in the stabbing of two schoolgirls outside a market last week.",
		"Police in Kisumu detained a teenager who they say strangled his neighbour and wounded her son overnight.",
	)
	wantEvents(t,
		"Police in Gao arrested a soldier who shot dead two colleagues at a camp on Monday.",
	)
}

// "cannot", "can't" and "won't" negate like "did not"; a craft or a
// person that disappeared was lost, one that was disappeared was taken.
func TestCannotAndDisappearedAreNoActs(t *testing.T) {
	wantSilence(t,
		"Officials in Gao say the police cannot arrest the gunmen while the fighting goes on.",
		"Officials in Gao say the police can't arrest the gunmen while the fighting goes on.",
		"Divers near Lamu have located the wreck of an air force helicopter, which disappeared with five airmen aboard, the defence ministry says.",
	)
	wantEvents(t,
		"Activists in Kano say a student leader was forcibly disappeared by soldiers on Monday.",
	)
}

// "Years after" sets back every act of its clause, not only the next
// few words.
func TestYearsAfterReachesTheWholeClause(t *testing.T) {
	wantSilence(t,
		"Villagers in Gao laid wreaths on Monday, 20 years after the failed push on the old fort in which soldiers battled rebels for a week.",
		"Families in Gao laid wreaths on Monday, 20 years after a bloody night on the old bridge when soldiers clashed with rebels.",
	)
}

// An agreement needs a party named to it: firms that sign a deal to share
// data make no peace, whoever is named in the sentences after it.
func TestAnAgreementWithNoPartyIsNoEvent(t *testing.T) {
	wantSilence(t,
		"Planemakers flock to Kenyan show\n\nKenya opened its first air show in Nairobi on Tuesday with a call for foreign firms to build parts in the country.\n\nThe planemaker said it had signed an agreement with a state-owned firm to share data on its patrol aircraft. In fact, the Kenyan air force is weighing the purchase of used patrol planes and fighter jets from the planemaker.",
	)
	wantEvents(t,
		"The army and the rebels signed an agreement in Kidal on Monday to end the fighting.",
	)
}

// A fight for a right is a campaign whoever fights it ("by" its agent
// between), and "years ago" sets back its clause's act however many
// words on.
func TestACampaignByItsAgentAndYearsAgoFarOn(t *testing.T) {
	wantSilence(t,
		"The ruling in London on Monday ends a long fight by Kenyan soldiers for the right to settle in Britain.",
	)
	undated := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: "The saga of Peter Otieno ended on Friday with a month in an army prison and a discharge from the Kenya Army he deserted for the rebel north nearly 30 years ago."}))
	if len(undated) > 0 {
		t.Errorf("a desertion 30 years ago gave %s", describe(undated))
	}
	wantEvents(t,
		"Fighting by the rebels for control of the town of Kidal went on for a second day on Monday.",
	)
}

// What one person or a governing body demands is no crowd's demand; what
// a crowd demands stays a protest.
func TestADemandOfOneOrOfABodyIsNoProtest(t *testing.T) {
	wantSilence(t,
		"Files destroyed each year by a ministry in Nairobi have grown in number. The auditor has called for an inquiry.",
		"Records destroyed by the ministry in Nairobi have risen sharply, and the auditor has called for a review of the destruction.",
	)
	wantEvents(t,
		"Hundreds of traders blocked the main road near the market in Kisumu on Monday demanding lower fees.",
		"Thousands of people attended a rally in Kisumu on Monday to demand lower prices for fuel.",
	)
}

// A crowd out to fight a scourge of nature holds no protest, and a plan of
// battle is a plan.
func TestACrowdOutToFightAScourgeHoldsNoProtest(t *testing.T) {
	wantSilence(t,
		"In Kano on Monday, villagers burned tyres and boys took to the streets with brooms to fight the swarming locusts, while ministers agreed a battle plan.",
		"Hundreds of residents took to the streets of Kano on Monday to fight the flames that swept the market.",
	)
	wantEvents(t,
		"Hundreds of residents took to the streets of Kano on Monday to fight the new fuel tax.",
	)
}

// Support or opposition rallied is gathered, not a rally; protests
// expected to come have not come; a march called off did not march.
func TestRalliedSupportAndProtestsToComeAreNoProtest(t *testing.T) {
	wantSilence(t,
		"The union in Leeds has spent weeks rallying opposition to the closure of the plant.",
		"Opposition leaders in Nairobi rallied support for the strike on Monday.",
		"Bankers and chief executives gather in Davos this week for the forum, where the economy and trade will top the agenda. Unlike past years, protests against the forum are expected to be muted.",
		"Students in Nairobi have called off a march planned for Saturday.",
	)
	wantEvents(t,
		"Hundreds of students in Nairobi protest a fee rise that would double their costs.",
		"Thousands rallied in Nairobi on Monday against the fee rise.",
	)
}

// A place's new leader heads its government; an armed group's new leader
// is a change in the group.
func TestAPlacesNewLeaderIsNoGroupsChange(t *testing.T) {
	wantSilence(t,
		"Dagestan's new leader vowed on Monday to crush the militants and rebuild the region.",
	)
	wantEvents(t,
		"The rebel group's new leader vowed on Monday to fight on in the hills near Gao.",
	)
}

// A headline's act that its lead names only as the topic, in a word of
// another thing, is the story's topic; a lead that tells the act again
// keeps it.
func TestAHeadlineWhoseLeadTellsNoActIsATopic(t *testing.T) {
	wantSilence(t,
		"Kenya Bomb Dogs Anger Ugandan Coach\n\nThe old rivalry between the two national sides has turned to the dogs of the stadium in Kampala, the bomb-sniffing kind.",
	)
	wantEvents(t,
		"Rebels attack army post near Gao\n\nThe attack on the post was condemned by the governor, who said it could not go unpunished.",
	)
}

// One who joined the navy enlisted; fighters who join an armed group
// change sides.
func TestJoiningAStatesForcesIsACareer(t *testing.T) {
	wantSilence(t,
		"The singer lived in Kisumu from the age of six until he joined the Navy, but he went back often.",
	)
	wantEvents(t,
		"On Monday, 20 soldiers deserted and joined the rebels of the M23 near Goma.",
	)
}

// People not armed who tell of a fight are its witnesses, not a side of
// it: a resident's report of clashes is no mob's violence.
func TestAWitnessIsNoSide(t *testing.T) {
	for _, text := range []string{
		"A resident of Kidal said that the clashes were still going on in the town on Monday.",
		"Two traders, residents of Gao, said that heavy gunfire broke out near the market on Monday.",
	} {
		for _, e := range reported(run(t, text, "2024-12-07")) {
			if e.EventType == sitrep.Riots || e.Actor1 != nil && (e.Actor1.Side == "civilians" || e.Actor1.Side == "rioters") {
				t.Errorf("%q: the witnesses as a side: %s", text, describe([]sitrep.Event{e}))
			}
		}
	}
}

// People held name no act of taking: a captive's word alone ("the
// hostage", "holding two engineers hostage") tells of a captivity that
// began before, unless a verb of taking stands before it or the sentence
// tells of harm done to them.
func TestHostagesHeldAreNoNewAbduction(t *testing.T) {
	wantSilence(t,
		"Gunmen holding two engineers hostage opened talks with the governor of Kidal on Monday, a mediator said.",
		"Hostage in northern Mali faces handover to a jihadist group",
		"A French hostage in Mali appeared in a new video on Monday, officials in Bamako said.",
	)
	wantFirst(t, "Gunmen took eleven passengers hostage on a bus near Gao on Monday, police said.", "Abduction/forced disappearance")
	wantFirst(t, "Rebels near Kidal beheaded a hostage on Monday, a video showed.", "Attack")
	wantFirst(t, "Jihadists in Gao were still holding three drivers captive on Monday, the third day of the siege.", "Abduction/forced disappearance")
}

// An army "on the offensive" holds a stance; it tells of no battle.
// Going on the offensive is one.
func TestOnTheOffensiveIsNoBattle(t *testing.T) {
	text := "Government troops are on the offensive in northern Mali ahead of the rainy season, officials said."
	wantSilence(t, text)
	wantFirst(t, "Soldiers went on the offensive against mutineers in a northern town on Monday, witnesses said.", "Armed clash")
}

// Rockets as a trade or a science are no fire: a contractor barred from
// rocket work tells of no shelling.
func TestRocketWorkIsNoShelling(t *testing.T) {
	text := "The Pentagon later cancelled two contracts with the company and barred the Texas-based firm from future rocket work."
	wantSilence(t, text)
}

// Voters who enter a polling station take no ground, whoever watches
// them do it.
func TestEnteringAPollingStationIsNoCapture(t *testing.T) {
	wantSilence(t,
		"Soldiers searched the voters before they entered the polling station at a camp near Gao on Sunday.",
		"Paramilitary troops search displaced voters as they enter in polling station in a camp near Gao on Sunday.",
	)
}

// TestTheGainerIsTheSideThatTookThePlace checks who a change of control
// hands the town to, as the control record reads it: the side that came
// in, not the one named as its victim, its announcer or the subject of
// another verb.
func TestTheGainerIsTheSideThatTookThePlace(t *testing.T) {
	for _, tt := range []struct{ name, text, gainer, loser string }{
		{"the side that enters as the other retreats",
			"Ukrainian soldiers entered Izium as Russian troops retreated on Saturday.", "Military Forces of Ukraine", "Military Forces of Russia"},
		{"a town freed from a regime's grip is not the regime's",
			"Residents said on Saturday that the town of Bosaso was liberated from the grip of the army and its allies.", "", "Military Forces of Somalia"},
		{"a town entered is taken, not a change of what the army does",
			"Government troops entered the town of Kidal on Sunday after the rebels fled.", "Military Forces of Mali", ""},
		{"an entry after a withdrawal with no article",
			"Kenyan troops enter Kismayo on Sunday after withdrawal of al-Shabaab fighters", "Military Forces of Kenya", ""},
		{"a town's past told in a clause on it is no news",
			"Government troops entered Gao on Monday, a town that the rebels had seized early in the war.", "Military Forces of Mali", "Opposition Rebels (Mali)"},
		{"a group called IS is no verb of being",
			"IS captured the town of Tabqa from regime forces on Monday.", "Islamic State (Syria)", "Military Forces of Syria"},
		{"an army that left before a town's capture did not take it",
			"Witnesses said the army and police had withdrawn from the airport before the capture of Goma.", "", ""},
	} {
		var got []string
		found := false
		for _, e := range reported(run(t, tt.text, "2024-12-07")) {
			if !sitrep.Territorial(e.SubEventType) {
				continue
			}
			c, _ := fuse.ClaimOf(&e) // no claim: neither side said
			g, l := "", ""
			if c.Gainer != nil {
				g = c.Gainer.Name
			}
			if c.Loser != nil {
				l = c.Loser.Name
			}
			got = append(got, g+" / "+l)
			found = found || g == tt.gainer && (tt.loser == "" || l == tt.loser)
		}
		if !found {
			t.Errorf("%s: %q: gainer / loser %q, want %q / %q", tt.name, tt.text, got, tt.gainer, tt.loser)
		}
	}
}

// TestASidesOwnWordsNameItsAct checks that a side which tells of its own
// act is its doer, whether it names the act with a possessive ("announced
// their capture") or names itself with its home country ("Sudan's RSF
// said its fighters").
func TestASidesOwnWordsNameItsAct(t *testing.T) {
	for _, tt := range []struct{ text, a1 string }{
		{"Rebel commanders announced their capture of Kidal on Sunday.", "Opposition Rebels (Mali)"},
		{"Sudan's Rapid Support Forces said its fighters had seized Nyala on Sunday.", "RSF: Rapid Support Forces"},
		{"The Syrian army announced its withdrawal from Hama on Thursday.", "Military Forces of Syria"},
		{"Russian Defence Minister Andrei Belousov praised troops on Sunday for the capture of Pokrovsk in Ukraine's Donetsk region.", "Military Forces of Russia"},
	} {
		var got []string
		ok := false
		for _, e := range run(t, tt.text, "2024-12-07") {
			if !sitrep.Territorial(e.SubEventType) {
				continue
			}
			a1 := ""
			if e.Actor1 != nil {
				a1 = e.Actor1.Name
			}
			got = append(got, a1)
			ok = ok || a1 == tt.a1
		}
		if !ok {
			t.Errorf("%q: actor1 %q, want %q", tt.text, got, tt.a1)
		}
	}
}

// What a scene is the aftermath of was told before: "the aftermath of the
// army's offensive" names an earlier act. "In the aftermath of" dates
// the clause's own act, as "after" does.
func TestTheAftermathOfAnActIsNoNews(t *testing.T) {
	text := "Families sifted through the ruins of their houses in a town near Gao on Monday, the aftermath of the army's ten-day offensive there."
	wantSilence(t, text)
	wantFirst(t, "Police arrested twelve pupils in the aftermath of a protest outside the education office in Gao on Monday.", "Protest with intervention")
}

// Rebels who stay away from talks, or "protest" a breach of a truce,
// stage no demonstration: a protest needs a crowd. Former rebels are
// civilians, and a rebel advance that stirs protests is not their
// subject.
func TestRebelsHoldNoProtest(t *testing.T) {
	text := "Rebels in northern Mali walked out of peace talks with the government on Monday to hold a two-day boycott in protest at the slow pace of disarmament."
	wantSilence(t, text)
	wantFirst(t, "Former rebels staged a protest outside the governor's office in Gao on Monday.", "Peaceful protest")
	wantFirst(t, "Rebel gains in the north have emboldened protests in Gao, where crowds marched on Monday.", "Peaceful protest")
}

// One who gives himself up to face charges goes before the courts: a
// judicial matter, no change to a group's activity. Fighters who
// surrender to an army still make one.
func TestSurrenderToFaceChargesIsNoChange(t *testing.T) {
	text := "A runaway French army deserter has surrendered at a French base near Dakar to face charges brought in 1990, a news agency reported."
	wantSilence(t, text)
	wantFirst(t, "Fifty rebels surrendered to the army in Gao on Monday with their weapons, officials said.", "Change to group/activity")
}

// A weapon lost or supplied as material is no blast: explosives gone
// missing from a depot, materials for chemical weapons sold. A cache of
// explosives found is a disrupted weapons use.
func TestWeaponsLostOrSuppliedAreNoBlast(t *testing.T) {
	text := "Nearly two hundred tons of military explosives have gone missing from a depot in northern Mali, officials said on Monday."
	wantSilence(t, text)
	wantFirst(t, "A trader suspected of selling rebels materials for chemical weapons was arrested by police in Bamako on Monday.", "Arrests")
	wantFirst(t, "Police found a big cache of explosives on a farm near Gao on Monday.", "Disrupted weapons use")
	wantFirst(t, "A bomb exploded at a market in Gao on Monday, killing two people.", "Remote explosive/landmine/IED")
}

// A harm that names the person his kin are known by ("the brother of a
// trader who died after") was told before: the news is what the kin do,
// and their own acts stay events.
func TestTheHarmThatNamesAPersonsKinIsNoNews(t *testing.T) {
	text := "The brother of a trader who died after a violent struggle with soldiers at a checkpoint near Gao has demanded an inquiry."
	wantSilence(t, text)
	wantFirst(t, "The family of a man who was shot by police blocked the main road in Gao on Monday to protest.", "Peaceful protest")
	wantFirst(t, "Relatives of a dead patient attacked a doctor at a clinic in Gao on Monday.", "Mob violence")
}

// An act named as an example or a likeness ("threats like the school
// siege") is no news, and neither is "the siege" that names it again.
func TestAnActNamedAsAnExampleIsNoNews(t *testing.T) {
	text := "Officials urged head teachers to watch for threats like the deadly school siege in Mali. The warning follows a study of the siege that killed dozens of pupils in Gao."
	wantSilence(t, text)
	if evs := reported(run(t, "Gunmen seized a school in Gao on Monday. The siege ended when troops stormed the building.", "2024-12-07")); len(evs) == 0 {
		t.Error("a siege told as news: an event wanted")
	}
}

// Acts a "who" clause tells in the present are habits, no one act:
// bandits who attack trucks and raid villages. Told as done, they are
// events.
func TestActsToldAsHabitsAreNoEvent(t *testing.T) {
	text := "Farmers near Gao are now terrorised by armed bandits who attack grain trucks, raid villages at night and shoot anyone who resists."
	wantSilence(t, text)
	wantFirst(t, "Gunmen who attacked a convoy near Gao on Monday killed three drivers, officials said.", "Attack")
	wantFirst(t, "Angry residents who threw stones at the mayor's car in Gao on Monday chased him out of the town.", "Mob violence")
}

// A kind of act named as a problem to study or to end ("the root cause
// of sexual assault at a school") is no act of the day.
func TestAnActNamedAsAProblemIsNoEvent(t *testing.T) {
	text := "An army inquiry said the root cause of sexual assault in a military college in Bamako lay in its officers' neglect."
	wantSilence(t, text)
	wantFirst(t, "Soldiers raped two women at a checkpoint near Gao on Monday, residents said.", "Sexual violence")
}

// A role in a play or a film is fiction: the unrest or the raid of its
// story happened to no one. The clause that casts an actor in a part
// tells of no event, whatever its plot holds.
func TestARoleInAPlayIsNoEvent(t *testing.T) {
	for _, text := range []string{
		"He will play the manager of a Texas cannery who falls for a union organiser during labour unrest.",
		"In the film she plays a nurse caught up in riots in a port city.",
		"The veteran actor stars as a police chief who leads a raid on a gang of smugglers.",
	} {
		if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	wantFirst(t, "Dockers who play football on Sundays rioted outside the port offices in Gao on Monday.", "Violent demonstration")
}

// The act of a relative clause is done by the noun it hangs on: "a
// burglar who stole" is the burglar's theft, not an act of the police
// named earlier in the sentence, and a theft by nobody the dictionary
// knows as an actor is ordinary crime.
func TestARelativeClausesActIsItsNouns(t *testing.T) {
	text := "A chef was thanked by police in Leeds for catching an intruder who stole rings from her flat."
	if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) > 0 {
		t.Errorf("%q: no event wanted; %s", text, describe(evs))
	}
	wantFirst(t, "Villagers in Gao said soldiers who looted the market on Monday had left.", "Looting/property destruction")
}

// An act told as the cause of something dated long ago ("jailed in 1997
// following a brawl") is older still: background, in a text with no
// publication day as in one with.
func TestAnActBeforeAnOldDatedOneIsHistory(t *testing.T) {
	for _, text := range []string{
		"The producer was jailed in 1997 following a brawl with a rival gang in Miami.",
		"The producer, 41, was jailed in May 1997 after a brawl with a rival gang in Miami.",
	} {
		if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	if evs := reported(run(t, "The producer was jailed in May 1997 after a brawl with a rival gang in Miami.", "2004-12-07")); len(evs) > 0 {
		t.Errorf("with a publication day: no event wanted; %s", describe(evs))
	}
	text := "Soldiers were deployed to Gao in May 2012 after rebels attacked a checkpoint."
	if evs := reported(run(t, text, "2012-05-20")); len(evs) == 0 || evs[0].SubEventType != "Armed clash" {
		t.Errorf("%q: the news of the month wanted; %s", text, describe(evs))
	}
}

// A crowd's word that modifies a noun names no crowd: "community
// service" is a sentence served, and a brawl it followed has no sides.
func TestACrowdWordBeforeItsNounIsNoCrowd(t *testing.T) {
	for _, text := range []string{
		"He was given community service after a nightclub fracas in Leicester.",
		"The singer served community service for carrying a knife and a month in jail after a pub brawl in Leicester.",
	} {
		if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	wantFirst(t, "Community members fought with herders near Gao on Monday.", "Mob violence")
}

// Goods described as stolen ("the stolen paintings", "the thieves and
// stolen paintings") tell of no theft of their own: the participle
// describes its noun, as "the destroyed house" does.
func TestStolenGoodsAreNoTheft(t *testing.T) {
	for _, text := range []string{
		"Police in Leeds asked the public to help find the thieves and stolen paintings.",
		"Police in Leeds recovered the stolen paintings on Monday.",
	} {
		if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	wantFirst(t, "Gunmen in Gao beat the drivers and stole their cattle on Monday.", "Looting/property destruction")
	wantFirst(t, "Rebels in Gao had beaten and stolen cattle from herders on Monday.", "Attack")
}

// One who resigns or quits "in protest" leaves a post: no crowd gathers,
// whatever body the resigner led.
func TestResigningInProtestIsNoProtest(t *testing.T) {
	for _, text := range []string{
		"The vote prompted the association chairman in Leeds to resign in protest.",
		"Members of the farmers association in Leeds resigned in protest at the decision.",
		"Two board members of the tenants association in Leeds quit in protest on Monday.",
	} {
		if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	wantFirst(t, "Thousands of teachers marched in protest through Nairobi on Monday.", "Peaceful protest")
}

// A team that rallies to win comes back in a game, and a market's rally
// is a rise in prices: neither is a crowd's.
func TestAComebackOrAMarketsRallyIsNoProtest(t *testing.T) {
	for _, text := range []string{
		"WIZARDS 98, JAZZ 95 DENVER (AP) — Nikola Smith scored 30 points as Denver rallied to beat Utah in a scrappy game.",
		"Traders in Chicago were wary of the power of the index to prolong its recent rally.",
		"Traders in Chicago said the relief rally in oil shares faded by the close.",
	} {
		if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	wantFirst(t, "Thousands rallied to demand the release of the leader in Harare on Monday.", "Peaceful protest")
}

// A protest threatened as the price of refusal ("meet the demand or face
// protest action") or one to be averted has not begun; an army's
// procession is a parade.
func TestAThreatOrAParadeIsNoProtest(t *testing.T) {
	wantSilence(t,
		"The union gave mining firms two days to meet its wage demand or face protest action, it said in Johannesburg.",
		"The president collapsed in Lusaka on Monday while watching a military procession, a newspaper reported.",
		"Union members in Pretoria said a pay rise of seven percent was the only way to avert protest action.",
	)
	wantFirst(t, "Thousands of workers joined a procession through Lusaka on Monday to demand higher wages.", "Peaceful protest")
}

// "A recruiting sergeant for extremists" is a figure of speech for what
// drives people to a cause: no group recruits.
func TestARecruitingSergeantIsAFigure(t *testing.T) {
	for _, text := range []string{
		"He warned that holding suspects without trial would act as a recruiting sergeant for militants in Britain.",
		"He said the new law was a recruiting sergeant for extremists in Leeds.",
	} {
		if evs := reported(run(t, text, "2005-01-10")); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
}

// The dead of a tidal wave are a disaster's, whoever tells of them.
func TestATidalWavesDeadAreADisasters(t *testing.T) {
	text := "The Indian navy said the tidal wave which struck on Sunday killed 150,000 people in Aceh."
	if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) > 0 {
		t.Errorf("%q: no event wanted; %s", text, describe(evs))
	}
}

// TestAPlacesPastAndItsPeoplesWord checks two readings of ground: a
// capture told in apposition to a place ("Gao, the only regional capital
// seized by the rebels during the war") is the place's past, not news;
// and a people's word before a noun of ground ("the Malian town of
// Kidal") names the town's country, it leaves the town the act's object.
func TestAPlacesPastAndItsPeoplesWord(t *testing.T) {
	wantFirst(t, "Residents of Gao, the only regional capital seized by the rebels during the war, marched on Monday to demand water.", "Peaceful protest")
	var got []string
	ok := false
	for _, e := range run(t, "The army said on Sunday it had taken full control of the Malian town of Kidal.", "2024-12-07") {
		got = append(got, e.SubEventType)
		ok = ok || e.SubEventType == "Government regains territory"
	}
	if !ok {
		t.Errorf("full control of the Malian town of Kidal: %q, want the army regaining it", got)
	}
}

// A sentence of an undated text that opens with a past time before its
// first comma ("Recently,", "Earlier this year,", "In 1998,") recalls what
// the day's news follows: background, no event. The same act told with
// no such opener, or with a day of its own, stays news.
func TestAnUndatedPastOpenerIsBackground(t *testing.T) {
	undated := func(txt string) []sitrep.Event {
		return reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: txt}))
	}
	for _, text := range []string{
		"Recently, the brewer gave up its licence in Peru after mass protests by farmers in the town of Arequipa.",
		"In the capital earlier this year, the banker was pelted with eggs by angry protesters.",
		"In 1998, angry crowds took to the streets of Jakarta and clashed with the police.",
		"Last year, rebels stormed the mining town of Bunia and killed twelve guards.",
	} {
		if evs := undated(text); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	for _, text := range []string{
		"Angry crowds took to the streets of Jakarta and clashed with the police.",
		"On Monday, rebels stormed the mining town of Bunia and killed twelve guards.",
		"After rebels stormed the mining town of Bunia last year, troops killed twelve of them.",
	} {
		if evs := undated(text); len(evs) == 0 {
			t.Errorf("%q: an event wanted", text)
		}
	}
}

// "As recently as Saturday," names a day, and "Since 2019," a period that
// runs up to the day's news: neither opener makes background.
func TestANamedDayOrAPeriodOpenerStaysNews(t *testing.T) {
	for _, text := range []string{
		"As recently as Saturday, rebels stormed the mining town of Bunia and killed twelve guards.",
		"Since the start of 2019, rebels have stormed the mining town of Bunia and killed twelve guards.",
	} {
		if evs := reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: text})); len(evs) == 0 {
			t.Errorf("%q: an event wanted", text)
		}
	}
}

// In an undated text, a paragraph after the lead that names a year ("in
// 1998") tells of that year: an act of its next sentences with no date of
// their own is history. The lead, and a year that opens a period up to
// now ("since 1998"), leave such an act news.
func TestAnUndatedParagraphOfAYearIsHistory(t *testing.T) {
	undated := func(txt string) []sitrep.Event {
		return reported(extractor(t).Extract(&sitrep.Article{ID: "t", Text: txt}))
	}
	const lead = "The central bank left its main rate unchanged, traders said.\n\n"
	old := "The country sank into a slump which in 1998 ended with a default on its bonds. In response, angry crowds took to the streets of Jakarta and clashed with the police."
	if evs := undated(lead + old); len(evs) > 0 {
		t.Errorf("%q: no event wanted; %s", old, describe(evs))
	}
	for _, text := range []string{
		old,
		lead + "The country has been in a slump since 1998. Angry crowds took to the streets of Jakarta and clashed with the police.",
	} {
		if evs := undated(text); len(evs) == 0 {
			t.Errorf("%q: an event wanted", text)
		}
	}
}

// "Demonstrate" that shows a quality or a fact is no protest: troops that
// demonstrated great skill, a vote that demonstrated why. A crowd that
// demonstrated against a law still protests.
func TestAQualityShownIsNoProtest(t *testing.T) {
	for _, text := range []string{
		"The minister said on Tuesday that the army units in the north demonstrated remarkable professionalism during the exercise.",
		"The rebels demonstrated their ability to strike deep inside the province, the analyst in Goma said.",
		"The local election in Durban demonstrated why the party must change, its leader said on Monday.",
	} {
		if evs := reported(run(t, text, "2016-05-05")); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	wantFirst(t, "Hundreds of students demonstrated against the fee increase in Durban on Monday.", "Peaceful protest")
}

// "They" who protest are the crowd named last before them: supporters
// who sang, then carried placards, protested; a "they" after a minister
// is no crowd.
func TestTheyAfterACrowdProtest(t *testing.T) {
	wantFirst(t, "Hundreds of party supporters sang and danced at a stadium in Soshanguve on Saturday. The leader was due to speak there. They were carrying placards that read: \"Give us houses\".", "Peaceful protest")
	text := "The housing minister visited a school hall in Soshanguve on Saturday. They were carrying placards that read: \"Give us houses\"."
	if evs := reported(run(t, text, "2016-05-05")); len(evs) > 0 {
		t.Errorf("%q: no event wanted; %s", text, describe(evs))
	}
}

// A protest told by its gerund after a word of intent has not happened
// yet: "intended protesting", "planned picketing". A bomb meant for a
// convoy that exploded still did.
func TestAnIntendedProtestIsNotYet(t *testing.T) {
	for _, text := range []string{
		"Two civic groups intended protesting outside the magistrate's court in Polokwane on Thursday.",
		"The residents' association planned picketing at the mine gates in Rustenburg on Friday.",
	} {
		if evs := reported(run(t, text, "2016-05-05")); len(evs) > 0 {
			t.Errorf("%q: no event wanted; %s", text, describe(evs))
		}
	}
	wantFirst(t, "A car bomb intended for an army convoy exploded in Kabul on Monday, killing five soldiers.", "Remote explosive/landmine/IED")
}

// A force's word before a noun of its own ("a private military company",
// "a military court") is no party: the company is no army.
func TestAForcesWordBeforeItsOwnNounIsNoParty(t *testing.T) {
	evs := reported(run(t, "A private military company and rebel fighters took control of the town of Kidal on Sunday.", "2024-12-07"))
	if len(evs) == 0 {
		t.Fatal("no event from a town taken")
	}
	for _, e := range evs {
		if e.Actor1 == nil || e.Actor1.Name != "Opposition Rebels (Mali)" {
			t.Errorf("actor1 %+v, want the rebels (not the army for 'military company')", e.Actor1)
		}
	}
}

// The agent of a relative clause on the act's object is not the act's:
// in "entered districts that have been held by the army" the army held
// the districts; the ones who entered took them.
func TestAgentOfTheObjectsClauseIsNotTheActs(t *testing.T) {
	evs := reported(run(t, "The M23 has now entered districts that have been held firmly by the Congolese army since the war broke out, residents said.", "2024-02-12"))
	if len(evs) == 0 {
		t.Fatal("no event from villages entered")
	}
	e := evs[0]
	if e.Actor1 == nil || e.Actor1.Name != "M23: March 23 Movement" || e.SubEventType != "Non-state actor overtakes territory" {
		t.Errorf("got %s, want the M23 overtaking the villages", describe(evs))
	}
}

// A date in a clause of another act after the act ("since the rebellion
// began in March 2012", ", which seized power in a February 2021 coup")
// does not date the act: it takes the day of the report. A period's own
// start ("fighting has gone on since July 3") still dates it.
func TestADateOfALaterClauseIsNotTheActs(t *testing.T) {
	for _, text := range []string{
		"Army units entered the town of Kidal, their largest gain since the rebellion began in March 2012, officials said.",
		"Rebels pressed an offensive on the town of Maungdaw against the junta, which seized power in a February 2021 coup.",
	} {
		evs := reported(run(t, text, "2024-06-17"))
		if len(evs) == 0 {
			t.Errorf("%q: no event", text)
			continue
		}
		if evs[0].Date != "2024-06-17" {
			t.Errorf("%q: dated %s, want the report's day 2024-06-17", text, evs[0].Date)
		}
	}
	evs := reported(run(t, "Fighting between the army and the MNDAA has gone on in the town of Lashio since July 3, residents said.", "2024-07-26"))
	if len(evs) == 0 || evs[0].Date != "2024-07-03" {
		t.Errorf("got %s, want the fighting dated from July 3", describe(evs))
	}
}

// A force's word before "operation" names the operation's kind, not a
// party: in "after opening a military operation, the rebels took two
// villages" the rebels took them, not the army.
func TestAMilitaryOperationIsNoParty(t *testing.T) {
	evs := reported(run(t, "After opening a military operation on Sunday, the rebels took control of two villages near Hama.", "2017-03-24"))
	if len(evs) == 0 {
		t.Fatal("no event from villages taken")
	}
	for _, e := range evs {
		if e.SubEventType == "Non-state actor overtakes territory" && e.Actor1 != nil && e.Actor1.Side == "rebel" {
			return
		}
	}
	t.Errorf("got %s, want the rebels overtaking the villages", describe(evs))
}

// A side that "lost control" of a place lost it: the change is the other
// side's, not a government regaining ground.
func TestASideThatLostControlLostTheGround(t *testing.T) {
	evs := reported(run(t, "Government forces lost control of the border town of Tessit on Sunday after an assault by rebel fighters, a security source said.", "2023-08-15"))
	if len(evs) == 0 {
		t.Fatal("no event from a town lost")
	}
	e := evs[0]
	if e.SubEventType != "Non-state actor overtakes territory" || e.Actor2 == nil || e.Actor2.Side != "government" {
		t.Errorf("got %s, want a non-state overtaking with the government forces as actor2", describe(evs))
	}
}

// A fight named by its noun whose verb is modal has not happened yet:
// "fighting could soon reach the city", "the battle for the town may
// begin". "The motives of the clash might be", of another noun, is not
// the fight's mood.
func TestAFightWithAModalVerbIsNotYet(t *testing.T) {
	for _, text := range []string{
		"Heavy fighting between the army and the RSF could soon reach the outskirts of Omdurman, analysts warned on Monday.",
		"A battle between the junta and the MNDAA may begin within days near Lashio, a resident said.",
	} {
		if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
			t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
		}
	}
	text := "Soldiers and rebels fought near Garissa on Sunday; the motives of the clash might be disputes over water, police said."
	if evs := reported(run(t, text, "2024-07-20")); len(evs) == 0 {
		t.Errorf("%q: a reported clash wanted", text)
	}
}

// An ethnic, separatist or insurgent "army" is a rebel force, not the
// state's: its captures are a non-state actor's.
func TestAnEthnicArmyIsNoStateArmy(t *testing.T) {
	evs := reported(run(t, "The ethnic army seized a police outpost near Buthidaung in Myanmar on Tuesday, residents said.", "2024-05-22"))
	if len(evs) == 0 {
		t.Fatal("no event from an outpost seized")
	}
	if e := evs[0]; e.Actor1 == nil || e.Actor1.Side != "rebel" || e.SubEventType != "Non-state actor overtakes territory" {
		t.Errorf("got %s, want a rebel force overtaking the outpost", describe(evs))
	}
}

// A generic force's word right before a group's name is that group: "the
// rebel Rapid Support Forces" are the RSF. An act in a relative clause
// opened by "that" is the act of the noun it hangs on: "the junta that
// seized power" seized it.
func TestAGroupNamedAfterItsKindAndThatClauses(t *testing.T) {
	evs := reported(run(t, "The army retook the town of Wad Madani from the rebel Rapid Support Forces on Saturday.", "2025-01-12"))
	if len(evs) == 0 || evs[0].Actor2 == nil || evs[0].Actor2.Name != "RSF: Rapid Support Forces" {
		t.Errorf("got %s, want the RSF as actor2", describe(evs))
	}
	evs = run(t, "The Arakan Army is fighting for autonomy in western Myanmar and has made large gains this year, pushing troops loyal to the junta that seized power in 2021 back into a few enclaves.", "2024-12-03")
	for _, e := range evs {
		if e.Trigger == "seized power" {
			if e.Actor1 == nil || e.Actor1.Name != "Military Forces of Myanmar" {
				t.Errorf("the seizure of power by %+v, want the junta", e.Actor1)
			}
			return
		}
	}
	t.Errorf("no seizure of power in %s", describe(evs))
}

// An aside opened by ", who" and closed before the act is not the act's
// clause: its agent ("sanctioned by the United States") did not fight.
// After a verb of saying by people who bear no arms, the clause has its
// own subject: "local people say the M23 rebels have taken the town".
func TestAnAsideAndAWitnessesClause(t *testing.T) {
	evs := reported(run(t, "An RSF commander, who was sanctioned by the United States in September, directed the fighting in Nyala on Thursday.", "2023-10-27"))
	if len(evs) == 0 || evs[0].Actor1 == nil || evs[0].Actor1.Name != "RSF: Rapid Support Forces" {
		t.Errorf("got %s, want the RSF fighting", describe(evs))
	}
	evs = reported(run(t, "Local people in North Kivu say the M23 rebels have taken the town of Bunagana after a night of fighting.", "2022-06-13"))
	if len(evs) == 0 || evs[0].Actor1 == nil || evs[0].Actor1.Name != "M23: March 23 Movement" {
		t.Errorf("got %s, want the M23 taking the town", describe(evs))
	}
}

// A fight counted over months or years is a span, not the news of a day:
// "after three years of bitter fighting", "the 14-month siege of the
// city", "clashes for more than a year". A short measured fight ("a
// three-week battle") and an assault still going on for a month stay.
func TestAFightOverYearsIsASpan(t *testing.T) {
	for _, text := range []string{
		"Nine residents of Kidal described life in the town after three years of bitter fighting between the army and the rebels.",
		"Aid workers recalled the 14-month siege of Nyala by the paramilitary forces in a report on Tuesday.",
		"Nyala has been a hub for aid convoys but has seen blockades and repeated clashes for more than a year, relief officials said.",
	} {
		if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
			t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
		}
	}
	for _, text := range []string{
		"More than 40 soldiers died in the three-week battle to push the militants out of Kidal, officials said on Friday.",
		"The town of Kidal has come under relentless shelling by the rebels for more than a month, officials said on Friday.",
	} {
		if evs := reported(run(t, text, "2024-07-20")); len(evs) == 0 {
			t.Errorf("%q: a reported event wanted", text)
		}
	}
}

// A gerund that tells who a group is, in a relative clause in the present
// ("the militia, which is fighting for self-rule") or before "alongside"
// ("fighters battling alongside the army"), is no act; a past one and a
// crowd's are.
func TestAGroupDescribedByWhatItIsFighting(t *testing.T) {
	for _, text := range []string{
		"The Kachin Independence Army, which is fighting for self-rule in northern Myanmar, told villagers near Bhamo to stay indoors on Sunday.",
		"The movement is led by former officers who say they are fighting for the return of exiled families to Goma.",
		"Volunteer brigades fighting alongside the army in Omdurman rejected the statement on Sunday.",
	} {
		if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
			t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
		}
	}
	for _, text := range []string{
		"Rebels who were fighting the army near Bhamo on Sunday withdrew at dawn, villagers said.",
		"Traffic stopped in Kisumu on Monday after traders who are protesting the closure of the market blocked the highway.",
	} {
		if evs := reported(run(t, text, "2024-07-20")); len(evs) == 0 {
			t.Errorf("%q: a reported event wanted", text)
		}
	}
}

// "de facto control" tells who holds ground, not that it changed hands.
func TestDeFactoControlIsHeld(t *testing.T) {
	text := "The 2016 accord ended the war in the north and left de facto rebel control over the region around Kidal."
	for _, e := range reported(run(t, text, "2024-07-20")) {
		if e.EventType == "Battles" {
			t.Errorf("%q: no change of hands wanted; %s", text, describe([]sitrep.Event{e}))
		}
	}
}

// A modal governs its clause: a compound's hyphen does not count toward
// its reach ("would be a well-planned mutiny"), and a clause of time opens
// another clause ("appears imminent after the rebels seized the base").
func TestAModalReachesOverACompoundButNotIntoAnotherClause(t *testing.T) {
	text := "All that could stop the rebels now would be a well-planned mutiny in Damascus, a diplomat said on Friday."
	for _, e := range reported(run(t, text, "2024-12-06")) {
		if e.Trigger == "mutiny" {
			t.Errorf("%q: the mutiny is hypothetical; %s", text, describe([]sitrep.Event{e}))
		}
	}
	text = "The fall of Myawaddy appears imminent after the rebels seized two army bases on its edge on Monday, a spokesman said."
	if evs := reported(run(t, text, "2024-04-09")); len(evs) == 0 {
		t.Errorf("%q: the seizure of the bases is reported", text)
	}
}

// A place described by what it has long seen names no fight of the day:
// "has been the focus of", "had been the site of". A force's "fighting
// capacity" is no fighting.
func TestAPlacesHistoryAndAFightingCapacity(t *testing.T) {
	for _, text := range []string{
		"Kherson has been the focus of the fiercest shelling of the war in the south.",
		"Zalingei had been the site of heavy clashes between the two forces, residents recalled.",
		"The general praised the fighting capacity of the brigade in Kharkiv on Monday.",
	} {
		if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
			t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
		}
	}
}

// An act that is the object of an infinitive of staging is a purpose, not
// yet a fact: "used the ridge as a base to launch attacks on the town";
// "were forced to launch an offensive" tells one.
func TestAnActToLaunchIsAPurpose(t *testing.T) {
	text := "Kidal lies in the desert north of Gao, with the rebels using its hills as a base to launch attacks on the army."
	if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
		t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
	}
	text = "The rebels were forced to launch an offensive on the army camp near Kidal on Sunday, a spokesman said."
	if evs := reported(run(t, text, "2024-07-20")); len(evs) == 0 {
		t.Errorf("%q: a reported event wanted", text)
	}
}

// The noun phrase that a modal phrase ending in "of" or "for" governs is
// hypothetical however long the phrase: "would clear the way for a rebel
// advance on the city". A place named after "on the outskirts of" ends it.
func TestTheObjectOfAModalPhrase(t *testing.T) {
	text := "Taking the bridge would clear the way for a rebel advance on Lashio, an analyst said."
	if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
		t.Errorf("%q: the advance is hypothetical; %s", text, describe(evs))
	}
	text = "On Friday, villagers on the outskirts of Bamako staged a protest against the eviction of their families."
	if evs := reported(run(t, text, "2024-07-20")); len(evs) == 0 {
		t.Errorf("%q: a reported protest wanted", text)
	}
}

// A patrol is a force's routine, not a change to it: a caption ("fighters
// of the movement patrol a market in Goma on Thursday, March 6, 2025") or
// "have stepped up patrols along the border" tells no event.
func TestAPatrolIsNoEvent(t *testing.T) {
	for _, text := range []string{
		"Fighters of the movement patrol a market in Goma, Congo, on Thursday, March 6, 2025.",
		"The border guards have stepped up patrols along the frontier near Teknaf since the weekend.",
	} {
		if evs := reported(run(t, text, "2025-03-07")); len(evs) > 0 {
			t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
		}
	}
}

// A truce "that had held since" a date is a state over time, not an
// agreement of the day.
func TestATruceThatHadHeldSince(t *testing.T) {
	text := "Villagers near Sittwe said on Monday that a truce that had mostly held since the election was fraying."
	if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
		t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
	}
}

// A title with "of" and a country opening the sentence names a foreign
// authority as "Russian President" does: the forces it praises are its
// own, not those of the country the text is about.
func TestAForeignTitleWithOf(t *testing.T) {
	txt := "Ukrainian troops left the city of Avdiivka on Saturday. " +
		"President of Russia Vladimir Putin praised the army on Sunday for the capture of Avdiivka."
	for _, e := range run(t, txt, "2024-02-18") {
		if e.Actor1 != nil && e.Trigger == "capture" && !strings.Contains(e.Actor1.Name, "Russia") {
			t.Errorf("the capture praised by Russia's president is by %s", e.Actor1.Name)
		}
	}
}

// A verb of saying that begins the act ("claimed control of", "declared
// control of") makes the side before it the doer, not a source: the
// rebels who declare a town theirs took it.
func TestASideThatDeclaresControlTookThePlace(t *testing.T) {
	for _, text := range []string{
		"The rebels claimed control of the town of Kutum on Tuesday.",
		"The army chief confirmed on Tuesday a withdrawal from the town of Kutum after the rebels declared control of the town.",
	} {
		evs := run(t, text, "2024-12-07")
		ok := false
		for _, e := range evs {
			ok = ok || e.SubEventType == "Non-state actor overtakes territory" && e.Actor1 != nil && e.Actor1.Side == "rebel"
		}
		if !ok {
			t.Errorf("%q: got %s, want the rebels overtaking the town", text, describe(evs))
		}
	}
}

// A withdrawal from a town another side entered is that side's gain:
// ACLED names the gainer of a transfer as actor1 and the side that left
// as actor2, and the control record hands the town to the gainer.
func TestAWithdrawalTheOtherSideEnteredIsItsGain(t *testing.T) {
	text := "Somali soldiers moved into the town of Baidoa on Friday as Ethiopian troops pulled out of it."
	evs := reported(run(t, text, "2024-12-07"))
	ok := false
	for _, e := range evs {
		c, _ := fuse.ClaimOf(&e)
		ok = ok || sitrep.Territorial(e.SubEventType) && e.Actor1 != nil && e.Actor1.Name == "Military Forces of Somalia" &&
			c.Gainer != nil && c.Gainer.Name == "Military Forces of Somalia"
	}
	if !ok {
		t.Errorf("%q: got %s, want Somalia's army as actor1 and gainer", text, describe(evs))
	}
}

// A town the army gave up and the rebels entered is the rebels'
// overtaking, unless the words say it was peaceful.
func TestATownTheArmyLeftAndRebelsEnteredIsOvertaken(t *testing.T) {
	text := "On Friday the army announced it had pulled out of the town of Kutum and conceded that rebel fighters had entered the town."
	evs := reported(run(t, text, "2024-12-07"))
	ok := false
	for _, e := range evs {
		c, _ := fuse.ClaimOf(&e)
		ok = ok || e.SubEventType == "Non-state actor overtakes territory" && e.Actor1 != nil && e.Actor1.Side == "rebel" &&
			e.Actor2 != nil && e.Actor2.Side == "government" && c.Gainer != nil && c.Gainer.Side == "rebel"
	}
	if !ok {
		t.Errorf("%q: got %s, want the rebels overtaking the town from the army", text, describe(evs))
	}
}

// An army's attacks on the ground a front runs through ("the outskirts",
// "several fronts", "a sector") are fought against the other side: an
// armed clash, not an attack on civilians, though no target is named.
func TestAttacksOnAFrontAreClashes(t *testing.T) {
	for _, text := range []string{
		"Government troops pressed their attacks on the outskirts of the town of Kutum on Monday.",
		"On Monday the army attacked on several fronts around the town of Kutum.",
	} {
		evs := run(t, text, "2024-12-10")
		ok := len(evs) > 0
		for _, e := range evs {
			ok = ok && e.SubEventType == "Armed clash"
		}
		if !ok {
			t.Errorf("%q: got %s, want an armed clash", text, describe(evs))
		}
	}
}

// A noun of ground as the subject of a passive capture ("the city was
// seized", "these towns have been captured") is the ground taken: a
// capture, not a seizure of goods.
func TestAGroundSubjectOfAPassiveCapture(t *testing.T) {
	for _, text := range []string{
		"The last flight left the airport of Kutum around the time the city was seized by the rebels on Sunday.",
		"Near Kutum, officials would not say whether these towns have been captured by the rebels on Sunday.",
	} {
		evs := run(t, text, "2024-12-10")
		ok := false
		for _, e := range evs {
			ok = ok || e.SubEventType == "Non-state actor overtakes territory" && e.Actor1 != nil && e.Actor1.Side == "rebel"
		}
		if !ok {
			t.Errorf("%q: got %s, want the rebels overtaking", text, describe(evs))
		}
	}
}

// A change of control told in a sentence of its own after shelling is
// news of its own: it does not join the shelling's frame and make the
// shelling a capture by the side that shelled.
func TestACaptureAfterShellingIsApart(t *testing.T) {
	text := "The army seems to have mostly left the town of Kutum but has kept shelling it, killing six civilians on Monday. " +
		"The rebels have taken control of most of the town, residents said."
	evs := reported(run(t, text, "2024-12-10"))
	shelling := false
	for _, e := range evs {
		if e.Actor1 != nil && e.Actor1.Side == "government" && sitrep.Territorial(e.SubEventType) {
			t.Errorf("the army that shelled the town gains it: %s", describe([]sitrep.Event{e}))
		}
		shelling = shelling || e.SubEventType == "Shelling/artillery/missile attack"
	}
	if !shelling {
		t.Errorf("got %s, want the shelling as its own event", describe(evs))
	}
}

// What a capture takes is told by the noun it ends on: a people's word or
// a group's possessive before a town names whose town it was ("another
// gold-rich Burundian town", "the militia's final stronghold"), and a
// capture told as a bare noun ("the capture strengthens", "its capture
// would") takes nobody. People taken stay an abduction.
func TestCaptureOfWhoseGroundIsNoAbduction(t *testing.T) {
	for _, text := range []string{
		"Rebels capture another gold-rich Burundian town near the lake",
		"The army retook Uvira on Friday. The capture strengthens the army's grip on the whole lake shore, officials said.",
		"The army hopes to take Uvira soon. Its capture would hand the army the road to the lake, officials said on Friday.",
		"On Friday, the army said it had captured the M23's last stronghold after two days of fighting near Uvira.",
	} {
		evs := run(t, text, "2024-12-10")
		for _, e := range evs {
			if e.SubEventType == "Abduction/forced disappearance" || e.SubEventType == "Looting/property destruction" {
				t.Errorf("%q: got %s, want no people or goods taken", text, describe([]sitrep.Event{e}))
			}
		}
		if strings.Contains(text, "stronghold") && !slices.ContainsFunc(evs, func(e sitrep.Event) bool { return sitrep.Territorial(e.SubEventType) }) {
			t.Errorf("%q: got %s, want the stronghold taken", text, describe(evs))
		}
	}
	for _, text := range []string{
		"On Friday, the rebels captured three soldiers of the army near Uvira.",
		"On Friday, the rebels captured the army's commander near Uvira.",
	} {
		evs := run(t, text, "2024-12-10")
		ok := false
		for _, e := range evs {
			ok = ok || !sitrep.Territorial(e.SubEventType) && e.EventType != ""
		}
		if !ok || slices.ContainsFunc(evs, func(e sitrep.Event) bool { return sitrep.Territorial(e.SubEventType) }) {
			t.Errorf("%q: got %s, want people taken, no ground", text, describe(evs))
		}
	}
}

// A modal governs both objects joined by "and" or "or", however long the
// first: "might be cut off from fuel and reinforcements", "dread possible
// reprisals by the army or government airstrikes".
func TestAModalGovernsTheSecondObject(t *testing.T) {
	for _, text := range []string{
		"Officers said on Monday that the troops in Kupiansk might be cut off from supplies and reinforcements.",
		"Shopkeepers in Idlib said on Monday that they dread possible reprisals by the army or government airstrikes, as they did last winter.",
	} {
		if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
			t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
		}
	}
}

// "May" capitalised within a sentence, before a lower-case word, is the
// month, not a modal: "fell in May following fierce battles" tells the
// battles as done. A title-case headline keeps the modal: "Rebels May
// Attack Town".
func TestMayTheMonthIsNoModal(t *testing.T) {
	text := "Soledar, a salt-mining town, fell to Russian forces in May following fierce battles with the Ukrainian army."
	if evs := reported(run(t, text, "2024-07-20")); len(evs) == 0 {
		t.Errorf("%q: the battles are reported", text)
	}
	text = "Rebels May Attack Soledar Next Week, Officials Say"
	if evs := reported(run(t, text, "2024-07-20")); len(evs) > 0 {
		t.Errorf("%q: no reported event wanted; %s", text, describe(evs))
	}
}

// A control held, exerted or retained is a state, not a change of hands:
// "a militia that holds much control over the town", "the rebels now exert
// full control over the district" report no capture; the holder is
// control data.
func TestAControlHeldIsNoCapture(t *testing.T) {
	for _, text := range []string{
		"The Shan border guard, an army-allied militia that holds much control over Lashio, said last month it would stop taking orders from the generals.",
		"After a week of heavy fighting, the rebels now exert full control over the northern districts of Kachin state, an analyst said.",
	} {
		for _, e := range reported(run(t, text, "2024-07-20")) {
			if sitrep.Territorial(e.SubEventType) {
				t.Errorf("%q: a control held is no capture; %s", text, describe([]sitrep.Event{e}))
			}
		}
	}
}

// The fighting people flee is what they leave, told elsewhere: "families
// who fled the fighting", "to move farther from the clashes" make no act
// of the fleeing civilians, least of all a riot.
func TestFightingFledIsNoAct(t *testing.T) {
	for _, text := range []string{
		"In Kherson, the governor said the state would give housing to residents who wanted to move further from the fighting.",
		"Aid workers said the families of Goma who fled the clashes had walked for three days with little water.",
	} {
		for _, e := range reported(run(t, text, "2024-07-20")) {
			if e.EventType == sitrep.Riots || e.EventType == sitrep.Battles {
				t.Errorf("%q: the fighting fled is no act here; %s", text, describe([]sitrep.Event{e}))
			}
		}
	}
}

// "The fighting" told after a flight points back to what people fled,
// not to the flight: the people who left are no party to it, and their
// leaving is no riot ("fled to two towns. At least 40 people were killed
// in the fighting").
func TestFightingAfterFlightIsNotTheirs(t *testing.T) {
	text := "Thousands of residents have also fled to Kosti and Rabak in White Nile state. At least 40 people were killed and 90 wounded in the fighting, the health ministry said."
	for _, e := range reported(run(t, text, "2024-07-20")) {
		if e.EventType == sitrep.Riots {
			t.Errorf("%q: the people who fled made no riot; %s", text, describe([]sitrep.Event{e}))
		}
	}
}
