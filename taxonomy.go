package sitrep

import "strings"

// ACLED event types.
const (
	Battles          = "Battles"
	Explosions       = "Explosions/Remote violence"
	ViolenceCivilian = "Violence against civilians"
	Protests         = "Protests"
	Riots            = "Riots"
	Strategic        = "Strategic developments"
)

// Taxonomy maps each ACLED sub-event type to its event type: 6 types, 25
// sub-types.
var Taxonomy = map[string]string{
	"Armed clash":                         Battles,
	"Government regains territory":        Battles,
	"Non-state actor overtakes territory": Battles,

	"Chemical weapon":                   Explosions,
	"Air/drone strike":                  Explosions,
	"Suicide bomb":                      Explosions,
	"Shelling/artillery/missile attack": Explosions,
	"Remote explosive/landmine/IED":     Explosions,
	"Grenade":                           Explosions,

	"Sexual violence":                ViolenceCivilian,
	"Attack":                         ViolenceCivilian,
	"Abduction/forced disappearance": ViolenceCivilian,

	"Peaceful protest":                   Protests,
	"Protest with intervention":          Protests,
	"Excessive force against protesters": Protests,

	"Violent demonstration": Riots,
	"Mob violence":          Riots,

	"Agreement":                         Strategic,
	"Arrests":                           Strategic,
	"Change to group/activity":          Strategic,
	"Disrupted weapons use":             Strategic,
	"Headquarters or base established":  Strategic,
	"Looting/property destruction":      Strategic,
	"Non-violent transfer of territory": Strategic,
	"Other":                             Strategic,
}

// legacyTypes maps event and sub-event type names used by older ACLED
// files to today's names.
var legacyTypes = map[string][2]string{
	"battle-no change of territory":              {Battles, "Armed clash"},
	"battle-government regains territory":        {Battles, "Government regains territory"},
	"battle-non-state actor overtakes territory": {Battles, "Non-state actor overtakes territory"},
	"battle-non-state actors overtake territory": {Battles, "Non-state actor overtakes territory"},
	"violence against civilians":                 {ViolenceCivilian, ""},
	"remote violence":                            {Explosions, ""},
	"riots/protests":                             {"", ""},
	"non-violent activity by a conflict actor":   {Strategic, ""},
	"headquarters or base established":           {Strategic, "Headquarters or base established"},
	"non-violent transfer of territory":          {Strategic, "Non-violent transfer of territory"},
	"strategic development":                      {Strategic, ""},
	"explosions/remote violence":                 {Explosions, ""},
	"non-state actor overtakes territory":        {Battles, "Non-state actor overtakes territory"},
	"government regains territory":               {Battles, "Government regains territory"},
	"shelling/artillery/missile":                 {Explosions, "Shelling/artillery/missile attack"},
	"remote explosive/landmine/ied":              {Explosions, "Remote explosive/landmine/IED"},
	"attack":                                     {ViolenceCivilian, "Attack"},
	"protest with intervention":                  {Protests, "Protest with intervention"},
	"excessive force against protesters":         {Protests, "Excessive force against protesters"},
	"peaceful protest":                           {Protests, "Peaceful protest"},
	"violent demonstration":                      {Riots, "Violent demonstration"},
	"mob violence":                               {Riots, "Mob violence"},
	"looting/property destruction":               {Strategic, "Looting/property destruction"},
	"abduction/forced disappearance":             {ViolenceCivilian, "Abduction/forced disappearance"},
	"sexual violence":                            {ViolenceCivilian, "Sexual violence"},
	"air/drone strike":                           {Explosions, "Air/drone strike"},
	"suicide bomb":                               {Explosions, "Suicide bomb"},
	"grenade":                                    {Explosions, "Grenade"},
	"chemical weapon":                            {Explosions, "Chemical weapon"},
	"armed clash":                                {Battles, "Armed clash"},
	"agreement":                                  {Strategic, "Agreement"},
	"arrests":                                    {Strategic, "Arrests"},
	"change to group/activity":                   {Strategic, "Change to group/activity"},
	"disrupted weapons use":                      {Strategic, "Disrupted weapons use"},
	"other":                                      {Strategic, "Other"},
}

// NormalizeTypes maps an ACLED (event_type, sub_event_type) pair as written
// in any ACLED file, old or new, to today's names. Either result may be
// empty when the input does not say.
func NormalizeTypes(eventType, subType string) (string, string) {
	et := strings.TrimSpace(eventType)
	st := strings.TrimSpace(subType)
	if t, ok := Taxonomy[st]; ok {
		return t, st
	}
	if m, ok := legacyTypes[strings.ToLower(st)]; ok && m[1] != "" {
		return m[0], m[1]
	}
	for _, t := range []string{Battles, Explosions, ViolenceCivilian, Protests, Riots, Strategic} {
		if strings.EqualFold(et, t) {
			return t, ""
		}
	}
	if m, ok := legacyTypes[strings.ToLower(et)]; ok {
		return m[0], m[1]
	}
	return "", ""
}

// Territorial reports whether events of an ACLED sub-type move a place
// from one side to another.
func Territorial(subType string) bool {
	switch subType {
	case "Non-state actor overtakes territory", "Government regains territory", "Non-violent transfer of territory":
		return true
	}
	return false
}
