/** Phrase cues for segmentation and story kinds, precompiled once. */

export const BOILERPLATE_RE =
  /^(?:to (?:learn|read|find out|discover|see) more\b|read more\b|read the full\b|find out more\b|sign up\b|subscribe\b|click here\b|for more information\b|download the\b|register (?:here|now)\b|related(?: articles?| news)?:?$|share this\b)|please click here\.?$/i;

/** Paragraph openers that start a new story even when the body is the same. */
export const STORY_OPENER_RE =
  /^(?:(?:At|In|During) (?:its|their|the|a|an)(?: (?:latest|most recent|more recent|recent|previous|last|next|separate|subsequent|later|further|public|private))*(?: board| governing body| committee)? meeting\b|Separately,|Elsewhere\b|Meanwhile,|In other news|In separate news|In a separate (?:move|development|initiative|announcement|project)\b|We (?:spoke|sat down|caught up) with\b|HTN (?:spoke|sat down|caught up) with\b)/i;

/** Panel, webinar and interview openers: opinion unless an NHS body does something concrete. */
export const OPINION_OPENER_RE =
  /^(?:For (?:a|an|our|the) (?:recent )?(?:HTN Now )?(?:webinar|panel|podcast|roundtable)\b|For HTN Now, we hosted\b|HTN was joined by\b|An? (?:expert |recent )?(?:panel|roundtable|webinar)\b|Panellists\b|Panelists\b|(?:In|During) (?:a|an|our|the) (?:recent )?(?:webinar|panel|podcast|interview|roundtable)\b|Speaking (?:at|on|during)\b|In (?:an|this) interview\b|We asked\b|Asked (?:what|how|about|whether|if)\b|(?:This time last year|A year ago|Last year),? (?:HTN|we) (?:discussed|explored|looked at|examined|asked)\b)/i;

/** "In this latest edition of our feature series…": the series intro, an opinion item. */
export const SERIES_INTRO_RE =
  /\b(?:(?:this|our) (?:latest |new |next )?(?:edition|instalment|issue|episode)\b|we take a deep dive|we['’]re turning our attention|we['’]ll (?:explore|take a (?:deep dive|look))|feature series|we (?:take a )?look at how|we hear from|we explore how|(?:In )?this special report\b|Here we (?:take a look at|share|look at|round up)\b|we take a (?:closer )?look at\b|^(?:The|Our|This) (?:latest|new|next) [\w ]{2,30}? (?:focuses on|looks at|explores)\b)/i;

/** Articles framed as a panel, webinar or interview: their stories are comment unless concrete. */
export const PANEL_FRAME_RE = /\b(?:panel(?: discussion)?|webinar|roundtable|podcast|in conversation with)\b/i;

/** "The latest instalment of HTN’s ICS regions series looks to…": a pointer to another article. */
export const TEASER_RE =
  /^(?:The|HTN['’]s|Our) (?:latest|next|new|previous|most recent) (?:instalment|edition|episode|part|article)\b|^(?:Read|Catch up on|Don['’]t miss) (?:our|the)\b|^(?:This week|Last week|Earlier this (?:week|month)|Recently),? (?:HTN|we) (?:shared|spoke|published|looked|explored|covered|interviewed|heard|also)\b/i;

/** Vendor voice: the company speaks, or the section is a vendor's customer story. */
export const SPONSORED_RE =
  /\b(?:customer stor(?:y|ies)|case study from|sponsored(?: content| by)?|in (?:association|partnership) with [A-Z][\w.]+ (?:Technology|Health|Ltd|Limited)|the company (?:said|says|added|adds|notes|noted|explains|explained|states|believes)|advertorial|partner content|featured content|our latest feature comes from|in this (?:article|piece) for HTN)\b|^By [A-Z][\w'-]+ [A-Z][\w'-]+, (?:CEO|founder|co-founder|managing director|director|chief \w+ officer)\b/im;

/** First-person company voice ("our research found", "from our work with NHS organisations"). */
export const VENDOR_VOICE_RE = /\b(?:our (?:research|experience|work|customers|clients|platform|solution)|we['’]re (?:seeing|increasingly)|we are seeing|what we(?: are|['’]re) seeing|we (?:help|support|work with|partner with) (?:NHS|trusts|healthcare)|we['’]re a provider of|our (?:services|digital health platform|technology)|we support over)\b/gi;

/** Sentence-start back-references that keep a paragraph with the story in hand. */
export const BACKREF_START_RE =
  /^(?:The (?:trust|ICB|ICS|board|health board|group|system|service|organisation|partnership|team|strategy|plan|programme|project|report|pilot|trial|tool|platform|app|contract|scheme|work|initiative|rollout|roll-out|investment|funding|technology|deployment|evaluation|project team)|It|Its|This|These|Her|His|Their|They|She|He|Both)\b/;

/**
 * "…has separately opened a procurement": the writer marks a second initiative of a body already
 * in hand, even when the sentence starts with it ("The trust has separately…").
 */
export const SEPARATELY_RE = /\b(?:has|have|had|is|are|was|were|will|would) (?:also )?separately\b/i;

/**
 * "NHS England's director of transformation added that…", "A spokesperson for the trust said…":
 * someone speaking about the story in hand, whoever they work for (a quote never opens a story).
 */
export const ATTRIBUTION_RE =
  /^(?:[A-Z][^.;:!?]{0,80}?['’]s (?:[a-z-]+ ){0,5}(?:director|officer|executive|chair|chairman|chairwoman|lead|head|manager|spokesperson|spokesman|spokeswoman|minister|secretary|president|consultant|clinician)|An? (?:spokesperson|spokesman|spokeswoman|representative) (?:for|from|at) [^.;:!?]{2,80}?)[^.;:!?]{0,60}?\b(?:said|says|added|adds|explained|explains|noted|notes|told|commented|stressed|warned|confirmed)\b/;

/**
 * Words after "The" that do not name a thing already introduced: "The new service at X…" can open
 * a story; "The record, first introduced by X…" refers back to the heading's record.
 */
export const NOT_ANAPHORIC = new Set(["latest", "first", "second", "third", "final", "next", "national", "same", "local", "wider", "other", "government", "current", "regional", "largest", "biggest", "main", "three", "four", "five"]);

/** Back-reference phrases inside text, resolved to the body last named. */
export const BACKREF_RE = /\bthe (trust|ICB|ICS|board|health board|integrated care board|integrated care system)\b/gi;

/**
 * Headings that announce other news ("In other news from the trust", "Related news"): what
 * follows is never a sub-section of the story before, even when it is about the same body.
 */
export const OTHER_NEWS_HEADING_RE = /^(?:(?:In )?other news\b|(?:More|Also) (?:from|in)\b|Elsewhere\b|Related (?:news|stories|reading)\b|(?:News )?in brief\b)/i;

const LABEL_ONLY_RE = /^(?:[A-Z][\w-]*(?: [\w-]+){0,2}:\s|Insights? from\b|Key (?:highlights|updates)\b)/;

/** Short label headings: "Wider trend: …", "Insights from …", and every other-news heading. */
export const isLabelHeading = (text: string): boolean => LABEL_ONLY_RE.test(text) || OTHER_NEWS_HEADING_RE.test(text);

/** "…also defines the region's wider rollout of a new EPR": a second initiative of the same body. */
export const NEW_INITIATIVE_RE = /\b(?:wider |separate |second |parallel |another )(?:roll-?out|deployment|procurement|implementation) of (?:a|an) new\b/i;

/** Text just before a vendor's name that makes the vendor the source: "a live session from X", "CEO of X". */
export const VENDOR_SOURCE_BEFORE_RE =
  /\b(?:(?:live |first |latest |recent )*(?:session|webinar|feature|presentation|demo(?:nstration)?|talk|masterclass|showcase|insight)s? (?:from|by|led by|hosted by)|(?:CEO|founder|co-founder|managing director|chief [a-z]+ officer|product director) (?:of|at)) (?:the team at )?$/i;
/** Text just after a vendor's name that introduces it: "X, a provider of…", "X, the digital health company". */
export const VENDOR_SOURCE_AFTER_RE = /^['’]?s?,? (?:a|an|the) (?:leading |UK |UK-based |specialist |digital health |health tech )*(?:provider|supplier|developer|company|specialist|platform)\b/i;

/** "Last year, " / "In June " / "Earlier this month, ": a time phrase before a sentence's subject (comma optional). */
const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
export const LEADING_TIME_RE = new RegExp(
  `^(?:(?:Last|This|Next|Earlier this|Later this|Earlier last|Late last|Early last) (?:year|month|week|spring|summer|autumn|winter)|(?:Back )?[Ii]n (?:(?:early |late |mid-)?(?:${MONTHS})(?: \\d{4})?|\\d{4}|(?:the )?(?:spring|summer|autumn|winter)(?: of \\d{4})?)|On (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|This time last year)(?:,\\s*|\\s+(?=the |[A-Z]))|^(?:Earlier|Recently),\\s*`,
);

/** "This year the genomics strategy was published": a dated report of a new publication or launch opens a story. */
export const DATED_ACTION_RE = /\b(?:(?:was|were|has been|have been) (?:published|launched|announced|unveiled|released)|(?:published|launched|announced|unveiled|released) (?:its|their|a|an|the)\b)/;

/** HTN recapping its own coverage, one item a paragraph: "We recently highlighted…", "We looked into…". */
export const RECAP_OPENER_RE = /^(?:We|HTN) (?:also |recently |later |then )?(?:highlighted|looked into|looked at|reported on|covered|explored)\b/;
