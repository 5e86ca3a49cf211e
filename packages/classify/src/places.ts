import type { Region } from "@radar/core";

/**
 * Place names → region, used when a story names no NHS body ("In Lincolnshire, officials…").
 * Counties, cities and large towns; compass-prefixed forms resolve through the same list.
 * Deliberately coarse: a place only decides the region when no organisation does.
 */
const PLACES: Record<Region, string[]> = {
  London: [
    "London", "Greater London", "Croydon", "Greenwich", "Lewisham", "Southwark", "Lambeth", "Camden", "Islington",
    "Hackney", "Tower Hamlets", "Newham", "Barking", "Havering", "Redbridge", "Barnet", "Enfield", "Haringey",
    "Ealing", "Brent", "Harrow", "Hillingdon", "Hounslow", "Westminster", "Chelsea", "Kensington", "Hammersmith",
    "Fulham", "Wandsworth", "Merton", "Sutton", "Kingston upon Thames", "Richmond upon Thames", "Bromley", "Bexley",
    "Waltham Forest", "Tooting", "Woolwich", "Stratford", "Whitechapel", "Paddington",
  ],
  "South East": [
    "South East", "Kent", "Medway", "Surrey", "Sussex", "East Sussex", "West Sussex", "Hampshire", "Isle of Wight",
    "Berkshire", "Buckinghamshire", "Oxfordshire", "Oxford", "Reading", "Brighton", "Southampton", "Portsmouth",
    "Guildford", "Maidstone", "Canterbury", "Milton Keynes", "Slough", "Crawley", "Eastbourne", "Hastings",
    "Winchester", "Basingstoke", "Thames Valley", "Frimley", "Dartford", "Aylesbury",
  ],
  "South West": [
    "South West", "Cornwall", "Devon", "Somerset", "Dorset", "Wiltshire", "Gloucestershire", "Bristol", "Bath",
    "Plymouth", "Exeter", "Torbay", "Swindon", "Bournemouth", "Poole", "Taunton", "Gloucester", "Cheltenham",
    "Truro", "Salisbury", "Isles of Scilly",
  ],
  "East of England": [
    "East of England", "East Anglia", "Cambridge", "Cambridgeshire", "Peterborough", "Norfolk", "Norwich", "Suffolk",
    "Ipswich", "Essex", "Chelmsford", "Colchester", "Southend", "Basildon", "Hertfordshire", "Bedfordshire",
    "Bedford", "Luton", "Watford", "Stevenage", "King's Lynn", "Great Yarmouth", "Harlow",
  ],
  Midlands: [
    "Midlands", "West Midlands", "East Midlands", "Birmingham", "Coventry", "Wolverhampton", "Dudley", "Walsall",
    "Sandwell", "Solihull", "Black Country", "Leicester", "Leicestershire", "Rutland", "Nottingham",
    "Nottinghamshire", "Derby", "Derbyshire", "Lincolnshire", "Lincoln", "Northamptonshire", "Northampton",
    "Staffordshire", "Stoke-on-Trent", "Shropshire", "Telford", "Herefordshire", "Hereford", "Worcestershire",
    "Worcester", "Warwickshire", "Chesterfield", "Boston", "Grantham", "Kettering", "Shrewsbury",
  ],
  "North East and Yorkshire": [
    "North East", "Yorkshire", "North Yorkshire", "West Yorkshire", "South Yorkshire", "East Yorkshire", "Humber",
    "Leeds", "Bradford", "Sheffield", "York", "Hull", "Doncaster", "Rotherham", "Barnsley", "Wakefield",
    "Huddersfield", "Halifax", "Harrogate", "Scarborough", "Newcastle", "Sunderland", "Gateshead", "Durham",
    "Middlesbrough", "Teesside", "Darlington", "Northumberland", "Tyneside", "Hartlepool", "Tees Valley",
  ],
  "North West": [
    "North West", "Manchester", "Greater Manchester", "Liverpool", "Merseyside", "Cheshire", "Lancashire", "Cumbria",
    "Salford", "Bolton", "Wigan", "Stockport", "Oldham", "Rochdale", "Preston", "Blackpool", "Blackburn", "Burnley",
    "Wirral", "Warrington", "Chester", "Lancaster", "Carlisle", "St Helens", "Southport", "Tameside",
  ],
  Scotland: [
    "Scotland", "Glasgow", "Edinburgh", "Aberdeen", "Dundee", "Inverness", "Stirling", "Perth", "Dumfries",
    "Galloway", "Ayrshire", "Lanarkshire", "Lothian", "Fife", "Tayside", "Grampian", "Highlands", "Borders",
    "Orkney", "Shetland", "Western Isles", "Paisley", "Falkirk",
  ],
  Wales: [
    "Wales", "Cardiff", "Swansea", "Newport", "Wrexham", "Bangor", "Aberystwyth", "Carmarthen", "Powys", "Gwynedd",
    "Anglesey", "Pembrokeshire", "Ceredigion", "Bridgend", "Merthyr Tydfil", "Rhondda", "Llandough",
  ],
  "Northern Ireland": ["Northern Ireland", "Belfast", "Derry", "Londonderry", "Newry", "Armagh", "Antrim", "Ulster", "Craigavon"],
  England: ["England", "UK-wide", "nationally"],
};

export function placeEntries(): Array<{ name: string; region: Region }> {
  const out: Array<{ name: string; region: Region }> = [];
  for (const [region, names] of Object.entries(PLACES) as Array<[Region, string[]]>) {
    for (const name of names) out.push({ name, region });
  }
  return out;
}

const COMPASS = new Set(["north", "south", "east", "west", "central", "mid", "north-east", "north-west", "and", "of", "the", "upon", "greater", "inner", "outer"]);
let placeKeys: Set<string> | null = null;

/** "West London", "North East Essex", "Bristol": a stem made only of compass words and places. */
export function isGeographic(stem: string): boolean {
  placeKeys ??= new Set(placeEntries().flatMap((p) => p.name.toLowerCase().split(/\s+/)));
  const words = stem.toLowerCase().replace(/[,&]/g, " ").split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((w) => COMPASS.has(w) || placeKeys!.has(w.replace(/'s$/, "")));
}
