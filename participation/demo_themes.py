"""Demo contributions for the Noorddorp consultation "Veilig online".

Question: "Wanneer voel jij je niet veilig online?" The answers are written
in Dutch at B1 level, in the voice of young people aged 12 to 27, with some
slang and a few typos left in on purpose. They fall into five themes, so the
suggested-themes feature has something recognisable to find:

1. photos shared without asking and pressure to send nudes (sexting);
2. group chats with strangers and being added to groups;
3. bullying and hate comments;
4. hacked accounts, scams and fake profiles;
5. not knowing whom to tell, and help from parents and school.

The rows are grouped by theme here for readability only; nothing in the data
names the theme.

Each row is ``(nickname, text, minutes_ago_offset, support_count)``: the
contribution was placed ``minutes_ago_offset`` minutes before the demo is
built (600 to 70,000) and has ``support_count`` supporters (0 to 15).
"""

ONLINE_SAFETY_CONTRIBUTIONS = [
    # 1. Photos shared without asking, sexting pressure
    (
        "Sanne_x",
        "Iemand uit mijn klas heeft een foto van mij doorgestuurd in een groep. "
        "Zonder het te vragen. Ik schaamde me dood.",
        64210,
        14,
    ),
    (
        "jayden2009",
        "als je geen nudes stuurt noemen ze je saai of een kind. die druk is egt raar",
        41875,
        11,
    ),
    (
        "Noor",
        "Ik voel me niet veilig als een jongen blijft vragen om foto's, ook als ik "
        "al nee heb gezegd.",
        52940,
        13,
    ),
    (
        "Mila",
        "Een foto van een feestje kwam op insta terwijl ik dat niet wilde. Het "
        "weghalen duurde dagen.",
        18320,
        6,
    ),
    (
        "Bram.k",
        "ze zeggen 'het blijft tussen ons' maar na een week heeft de hele school het",
        9460,
        9,
    ),
    (
        "Lotte",
        "Ik weet niet wat ik moet doen als iemand dreigt om een foto van mij te delen.",
        33105,
        8,
    ),
    (
        "xSophiee",
        "screenshots maken van snapchat zou gwn niet moeten kunnen",
        2875,
        4,
    ),
    (
        "Daan",
        "Mijn vriendin kreeg druk van haar vriend om foto's te sturen. Ze durfde "
        "het aan niemand te vertellen.",
        47790,
        7,
    ),
    (
        "Fleur",
        "fotos van mij in mn zwemkleding werden gedeeld met rare teksten erbij",
        26540,
        10,
    ),
    (
        "Yara",
        "Mensen moeten leren dat je eerst vraagt of je een foto van iemand mag posten.",
        12015,
        5,
    ),
    (
        "anoniem123",
        "ik heb ooit een foto gestuurd en daar heb ik nog steeds spijt van, "
        "iedereen heeft hem gezien",
        58430,
        3,
    ),
    (
        "Emma",
        "Meer uitleg op school over sexting, maar dan zonder dat het gênant wordt.",
        7230,
        12,
    ),
    # 2. Group chats with strangers, being added to groups
    (
        "Milan",
        "Ik werd toegevoegd aan een groep met 200 mensen die ik niet kende. Er "
        "kwamen hele enge filmpjes in.",
        61320,
        12,
    ),
    (
        "Ayoub",
        "random groepsapps waar je in wordt gezet, en dan zitten er volwassenen in "
        "die je niet kent",
        36780,
        9,
    ),
    (
        "Julia",
        "Ik vind het eng als vreemden mij een privébericht sturen na een groepschat.",
        21450,
        6,
    ),
    (
        "timo_05",
        "je kan je niet eens uit zon groep halen zonder dat iedereen het ziet",
        4310,
        5,
    ),
    (
        "Liv",
        "In een gamechat vroeg iemand steeds naar mijn adres en op welke school ik zit.",
        44620,
        10,
    ),
    (
        "Sem",
        "Er moet een instelling komen dat je niet zomaar in een groep kunt worden gezet.",
        15980,
        15,
    ),
    (
        "Noah",
        "ik kreeg een berichtje van iemand die zei dat hij 15 was maar dat was egt "
        "niet zo",
        29870,
        8,
    ),
    (
        "Zoë",
        "In groepen worden soms dingen gedeeld die je niet wil zien, zoals geweld.",
        55210,
        4,
    ),
    (
        "Amira",
        "Mijn telefoonnummer stond opeens in een grote groep. Iedereen kon me appen.",
        10650,
        7,
    ),
    (
        "Luuk",
        "discord servers zijn chill maar er zitten soms rare mensen die je dm'en",
        1870,
        2,
    ),
    (
        "Isa",
        "Ik weet niet hoe ik iemand in een groep moet blokkeren zonder drama.",
        38240,
        3,
    ),
    (
        "kevin.nd",
        "ze voegen je toe aan groepen voor 'gratis skins' en als je klikt moet je "
        "gwn je nummer invullen",
        23190,
        1,
    ),
    # 3. Bullying and hate comments
    (
        "Sara",
        "Onder mijn TikTok kreeg ik haatreacties over mijn uiterlijk. Ik heb mijn "
        "account verwijderd.",
        67480,
        13,
    ),
    (
        "Jesse",
        "pesten gaat na school gwn door in de groepsapp, je kan er niet weg van",
        50130,
        14,
    ),
    (
        "Nina",
        "Mensen schrijven online dingen die ze nooit in je gezicht zouden zeggen.",
        31560,
        9,
    ),
    (
        "Mo",
        "ze maakten een account met mn foto alleen om mij belachelijk te maken",
        8840,
        6,
    ),
    (
        "Femke",
        "Ik werd uit de klassengroep gegooid en iedereen deed mee met lachen.",
        42870,
        8,
    ),
    (
        "Rayan",
        "racistische comments onder mijn filmpjes, en tiktok doet er niks mee",
        19430,
        11,
    ),
    (
        "Lisa",
        "Als je iets meldt bij Instagram gebeurt er meestal niks.",
        3560,
        10,
    ),
    (
        "Tygo",
        "in games schelden ze je helemaal uit als je verliest. iedereen vind het "
        "normaal maar het is niet oke",
        27310,
        5,
    ),
    (
        "Hanna",
        "Ik durf niks meer te posten omdat ik bang ben voor gemene reacties.",
        60080,
        7,
    ),
    (
        "Anouk",
        "pesters hebben online nooit gevolgen, dat moet anders",
        13870,
        4,
    ),
    (
        "Jayden",
        "mn zusje word gepest in een groep met memes over haar :(",
        5720,
        6,
    ),
    (
        "Roos",
        "Als iemand een gemene reactie plaatst, zou die eerst een waarschuwing "
        "moeten krijgen.",
        46350,
        2,
    ),
    # 4. Hacked accounts, scams and fake profiles
    (
        "Thijs",
        "Mijn insta is gehackt en ze stuurden berichten naar al mijn vrienden om "
        "geld te vragen.",
        57660,
        12,
    ),
    (
        "Lars",
        "iemand deed zich voor als mij met een fake profiel, met mijn eigen foto's",
        34490,
        9,
    ),
    (
        "Eva",
        "Ik kreeg een berichtje van 'mijn moeder' met een nieuw nummer. Het was "
        "oplichting.",
        16720,
        8,
    ),
    (
        "sven_xx",
        "bij een marktplaats ding ben ik 80 euro kwijtgeraakt en nooit iets gekregen",
        40950,
        5,
    ),
    (
        "Ilse",
        "Ik weet niet hoe ik mijn account veilig moet maken, met die codes en zo.",
        2210,
        3,
    ),
    (
        "Finn",
        "gratis robux links zijn allemaal scam, maar kleine kinderen klikken er gwn op",
        25870,
        7,
    ),
    (
        "Maud",
        "Een nepprofiel deed alsof het een meisje van mijn leeftijd was, maar het "
        "was een man.",
        69210,
        15,
    ),
    (
        "Bilal",
        "mn snap werd gehackt en ik kon er nooit meer in, al mn memories weg",
        11380,
        4,
    ),
    (
        "Senna",
        "Je ziet niet of een profiel echt is. Daar word ik onzeker van.",
        30420,
        2,
    ),
    (
        "Owen",
        "kreeg een mail dat mn account geblokeerd was en moest mijn wachtwoord "
        "invullen. was phishing",
        48760,
        6,
    ),
    (
        "Jasmijn",
        "Oplichters op TikTok beloven dat je snel geld verdient. Mijn broer is er "
        "ingetrapt.",
        20960,
        9,
    ),
    (
        "Ruben",
        "tweestapsverificatie moet standaard aan staan, dan wordt je minder snel "
        "gehackt",
        6140,
        0,
    ),
    # 5. Not knowing whom to tell, help from parents and school
    (
        "Lieke",
        "Ik weet niet aan wie ik het moet vertellen als er online iets gebeurt. Mijn "
        "ouders snappen het niet.",
        65830,
        15,
    ),
    (
        "Stijn",
        "als ik het aan mn ouders vertel pakken ze mn telefoon af, dus ik zeg niks",
        53370,
        14,
    ),
    (
        "Hiba",
        "Op school is er wel een vertrouwenspersoon, maar niemand weet wie dat is.",
        37420,
        11,
    ),
    (
        "Mees",
        "leraren doen niks met online pesten want 'het gebeurt niet op school'",
        22680,
        10,
    ),
    (
        "Elif",
        "Ik zou een chat willen waar je anoniem kan vragen wat je moet doen.",
        14290,
        8,
    ),
    (
        "Bas",
        "ouders moeten zelf ook leren hoe apps werken, mn vader weet niet eens wat "
        "snapchat is",
        43980,
        7,
    ),
    (
        "Tess",
        "Ik schaam me om het te vertellen, dus ik los het zelf op. Dat gaat niet "
        "altijd goed.",
        28640,
        6,
    ),
    (
        "Gijs",
        "de politie neemt het niet serieus als je zegt dat je online bedreigd wordt",
        59740,
        5,
    ),
    (
        "Lina",
        "Meer lessen over online veiligheid op de basisschool, niet pas als het al "
        "mis is gegaan.",
        9980,
        12,
    ),
    (
        "Fatima",
        "Mijn moeder wilde helpen maar maakte het groter door de andere ouders te "
        "bellen.",
        35860,
        3,
    ),
    (
        "Joep",
        "een mentor die je vertrouwt is het belangrijkst, dan durf je het te zeggen",
        17540,
        9,
    ),
    (
        "Sanne_x",
        "Ik wil dat school ook helpt als het buiten schooltijd gebeurt. Het gaat "
        "toch om dezelfde kinderen.",
        24810,
        8,
    ),
]
