// Characters the design kit draws names from: printable ASCII, then letters of Latin-Extended,
// Greek and Cyrillic names. Every typeface in the catalogue draws all of them (a test checks).

export const ASCII: readonly string[] = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

export const LATIN_EXTENDED: readonly string[] = [
  ...'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ',
  ...'ĀāĂăĄąĆćČčĎďĐđĒēĘęĚěĞğĪīİıŁłŃńŇňŐőŒœŘřŚśŞşŠšŢţŤťŪūŮůŰűŸŹźŻżŽž',
];

export const GREEK: readonly string[] = [...'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψωςάέήίόύώΆΈΉΊΌΎΏ'];

export const CYRILLIC: readonly string[] = [...'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЄІЇЎєіїўҐґ'];

/** The scripts a name is drawn in: one per name, digits, spaces and punctuation mixed in. */
export const NAME_SCRIPTS: readonly (readonly string[])[] = [ASCII, [...ASCII.slice(0, 16), ...LATIN_EXTENDED], [...' .-', ...GREEK], [...' .-', ...CYRILLIC]];

/** Every character above, once. */
export const NAME_CHARACTERS: readonly string[] = [...new Set(NAME_SCRIPTS.flat())];
