//! Whether two spellings are one name: a labelled set of real transliteration variants and
//! hard negatives (distinct people with close names, family members, shared given names),
//! scored for precision and recall.

use claimcheck::names::same_name;

/// Spellings of one name.
const SAME: &[(&str, &str)] = &[
    // The seeds.
    ("Marc Fogel", "Mark Vogel"),
    ("Marc Fogel", "Mark Fogel"),
    ("Steve Witkoff", "Steve Whitkoff"),
    ("Artur Muradyan", "Artur Muradian"),
    ("Vadim Konoshchenok", "Vadim Konoschenok"),
    ("Kevin Lick", "Kevin Leek"),
    ("Andrei Kuznechik", "Andrei Kuznchik"),
    ("Kaja Kallas", "Kaya Kallas"),
    ("Alexander Darchiev", "Александр Дарчиев"),
    ("Ksenia Karelina", "Ксения Карелина"),
    ("Alexander Vinnik", "Александр Винник"),
    ("Anna Dultseva", "Anna Dultsev"),
    ("J.D. Vance", "James Vance"),
    // Transliterations of well-known names.
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Zelensky", "Zelenskiy"),
    ("Zelensky", "Selenskyj"),
    ("Zelenskyy", "Selenskyj"),
    ("Alexei Navalny", "Alexei Navalnyy"),
    ("Navalny", "Nawalny"),
    ("Alexey Navalny", "Aleksei Navalny"),
    ("Mikhail Khodorkovsky", "Mikhail Chodorkowski"),
    ("Khodorkovsky", "Chodorkowski"),
    ("Tchaikovsky", "Chaikovsky"),
    ("Pyotr Tchaikovsky", "Petr Chaikovsky"),
    ("Muammar Gaddafi", "Muammar Qaddafi"),
    ("Gaddafi", "Kadhafi"),
    ("Qaddafi", "Kadhafi"),
    ("Sergei Ryabkov", "Sergey Ryabkov"),
    ("Dmitry Peskov", "Dmitri Peskov"),
    ("Yuri Ushakov", "Yury Ushakov"),
    ("Andrei Pivovarov", "Andrey Pivovarov"),
    ("Ilya Yashin", "Ilia Yashin"),
    ("Ilya Yashin", "Ilja Jaschin"),
    ("Alsu Kurmasheva", "Alsu Kurmascheva"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
    ("Yevgeny Prigozhin", "Jewgeni Prigoschin"),
    ("Sergei Shoigu", "Sergey Shoygu"),
    ("Yulia Tymoshenko", "Yulia Timoshenko"),
    ("Viktor Bout", "Viktor But"),
    ("Alexander Lukashenko", "Aleksandr Lukashenko"),
    ("Lukashenko", "Lukaschenko"),
    ("Roman Abramovich", "Roman Abramowitsch"),
    ("Mikhail Gorbachev", "Mikhail Gorbachov"),
    ("Gorbachev", "Gorbatschow"),
    ("Boris Yeltsin", "Boris Jelzin"),
    ("Dmitry Medvedev", "Dmitri Medwedew"),
    ("Sergei Lavrov", "Sergej Lawrow"),
    ("Nikolai Patrushev", "Nikolay Patrushev"),
    ("Anna Politkovskaya", "Anna Politkovskaja"),
    ("Maria Zakharova", "Maria Sacharowa"),
    ("Vasily Nebenzya", "Vassily Nebenzia"),
    ("Ramzan Kadyrov", "Ramsan Kadyrow"),
    ("Ksenia Karelina", "Kseniya Karelina"),
    ("Ksenia Karelina", "Xenia Karelina"),
    ("Evan Gershkovich", "Evan Gerschkowitsch"),
    ("Demuri Voronin", "Demuri Woronin"),
    ("Vladislav Klyushin", "Vladislav Kljuschin"),
    ("Roman Seleznev", "Roman Selesnjow"),
    ("Pavel Rubtsov", "Pavel Rubzow"),
    ("Mikhail Mikushin", "Michail Mikuschin"),
    ("Alexander Bortnikov", "Aleksandr Bortnikov"),
    ("Sergei Naryshkin", "Sergej Naryschkin"),
    ("Andrei Belousov", "Andrej Belousow"),
    ("Oleg Orlov", "Oleg Orlow"),
    ("Alexandra Skochilenko", "Aleksandra Skochilenko"),
    ("Lilia Chanysheva", "Liliya Chanysheva"),
    ("Konstantin Yaroshenko", "Konstantin Jaroschenko"),
    ("Konstantin Yaroshenko", "Konstantin Yarošenko"),
    ("Vadim Krasikov", "Wadim Krassikow"),
    ("Kevin Lick", "Kevin Lik"),
    ("Fyodor Dostoevsky", "Fedor Dostoyevsky"),
    ("Vladimir Kara-Murza", "Владимир Кара-Мурза"),
    ("Sergei Ryabkov", "Сергей Рябков"),
    ("Dmitry Peskov", "Дмитрий Песков"),
    ("Sergey Dolzhenko", "SERGEY DOLZHENKO"),
];

/// Different people, or different names.
const DIFFERENT: &[(&str, &str)] = &[
    // The seeds.
    ("Artem Dultsev", "Anna Dultseva"),
    ("Vera Vinnik", "Alexander Vinnik"),
    ("Vadim Krasikov", "Vadim Konoshchenok"),
    ("Dultsev", "Dultseva"),
    ("Ksenia Khavana", "Ksenia Karelina"),
    ("Alexander Darchiev", "Alexander Bortnikov"),
    ("Sergei Ryabkov", "Sergei Naryshkin"),
    ("Dmitry Peskov", "Dmitry Novikov"),
    ("Dmitry Peskov", "Dmitry Gorin"),
    ("Andrei Kortunov", "Andrei Kuznechik"),
    ("Andrei Belousov", "Andrei Pivovarov"),
    ("Artur Petrov", "Artur Muradyan"),
    ("Ksenia Karelina", "Ksenia Fadeeva"),
    ("Artur Petrov", "Artem Petrov"),
    ("Joseph Tater", "Joseph Tate"),
    ("Gordon Black", "Gordon Blake"),
    // Families and shared given names.
    ("Alexei Navalny", "Yulia Navalnaya"),
    ("Navalny", "Navalnaya"),
    ("Oleg Orlov", "Olga Orlova"),
    ("Ivan Petrov", "Ivana Petrova"),
    ("Nikolai Patrushev", "Dmitry Patrushev"),
    ("Ramzan Kadyrov", "Akhmat Kadyrov"),
    ("Vladimir Kara-Murza", "Evgenia Kara-Murza"),
    ("Alexander Darchiev", "Alexandra Darchieva"),
    ("Alexei Navalny", "Alexander Navalny"),
    ("Ksenia Karelina", "Oksana Karelina"),
    ("Evan Gershkovich", "Ivan Gershkovich"),
    // Close surnames of different people.
    ("Vladimir Putin", "Vladimir Zelensky"),
    ("Vladimir Kara-Murza", "Vladimir Putin"),
    ("Alexander Lukashenko", "Alexander Lukashevich"),
    ("Roman Abramovich", "Roman Abramov"),
    ("Kevin Lick", "Kevin Link"),
    ("Kevin Lick", "Kevin Lim"),
    ("Mark Fogel", "Mark Feygin"),
    ("Steve Witkoff", "Steve Wozniak"),
    ("Pavel Rubtsov", "Pavel Rublev"),
    ("Dmitry Medvedev", "Dmitry Medinsky"),
    ("Sergei Shoigu", "Sergei Sobyanin"),
    ("Vladimir Putin", "Vladimir Pugachev"),
    ("Mikhail Mikushin", "Mikhail Mishustin"),
    ("Alexander Bortnikov", "Alexander Bastrykin"),
    ("Evan Gershkovich", "Evan Gershman"),
    ("Anna Dultseva", "Anna Dulova"),
    ("Alexei Navalny", "Alexei Venediktov"),
    ("Demuri Voronin", "Demuri Voronov"),
    ("Vadim Ostanin", "Vadim Osmanov"),
    ("Alexander Vinnik", "Alexander Vinokurov"),
    ("Alexander Vinnik", "Alexander Vinnikov"),
    ("Viktor Bout", "Viktor Boyko"),
    ("Tigran Meloyan", "Tigran Melikyan"),
    ("Marco Rubio", "Marco Rubini"),
    ("Kaja Kallas", "Kaja Kalvet"),
    ("Mikhail Gorbachev", "Mikhail Gorbunov"),
    ("Yevgeny Prigozhin", "Yevgeny Primakov"),
    ("Andrei Kuznechik", "Andrei Kuzmin"),
    ("Alsu Kurmasheva", "Alsu Kurbanova"),
    ("Lilia Chanysheva", "Lilia Chernysheva"),
    ("Dmitry Novikov", "Dmitry Novak"),
    ("Ilya Yashin", "Ilya Yashkin"),
    ("Paul Whelan", "Paul Whalen"),
    ("Rico Krieger", "Rico Kruger"),
];

#[test]
fn precision_and_recall_on_labelled_pairs() {
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for &(a, b) in SAME {
        if same_name(a, b).is_none() {
            misses.push(format!("{a} / {b}"));
        }
    }
    for &(a, b) in DIFFERENT {
        if let Some(found) = same_name(a, b) {
            false_alarms.push(format!("{a} / {b} ({:?})", found.signals));
        }
    }
    let true_positives = (SAME.len() - misses.len()) as f64;
    let precision = true_positives / (true_positives + false_alarms.len() as f64);
    let recall = true_positives / SAME.len() as f64;
    println!(
        "{} pairs: precision {precision:.3}, recall {recall:.3}\nmissed: {misses:#?}\nfalse alarms: {false_alarms:#?}",
        SAME.len() + DIFFERENT.len()
    );
    assert!(SAME.len() + DIFFERENT.len() >= 80);
    assert!(
        precision >= 0.95,
        "precision {precision:.3}: {false_alarms:#?}"
    );
    assert!(recall >= 0.90, "recall {recall:.3}: {misses:#?}");
}

#[test]
fn signals_say_why() {
    let found = same_name("Marc Fogel", "Mark Vogel").expect("one name");
    let signals: Vec<String> = found.signals.iter().map(|s| format!("{s:?}")).collect();
    assert!(signals.contains(&"GivenName".to_string()), "{signals:?}");
    assert!(
        signals.contains(&"DaitchMokotoff".to_string()),
        "{signals:?}"
    );
    let cyrillic = same_name("Alexander Darchiev", "Александр Дарчиев").expect("one name");
    assert!(cyrillic.system.is_some());
}
