<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ApprovalPanel</name>
    <message>
        <source>A supervisor approves: tap your name, then type your PIN.</source>
        <translation>Eine Schichtleitung gibt frei: Namen antippen, dann PIN eingeben.</translation>
    </message>
    <message>
        <source>Supervisor&apos;s PIN</source>
        <translation>PIN der Schichtleitung</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Nobody on this device may approve this.</source>
        <translation>Niemand auf diesem Gerät darf das freigeben.</translation>
    </message>
    <message>
        <source>Tap the supervisor&apos;s name first.</source>
        <translation>Tippen Sie zuerst den Namen der Schichtleitung an.</translation>
    </message>
</context>
<context>
    <name>BootstrapView</name>
    <message>
        <source>Getting this device ready</source>
        <translation>Gerät wird vorbereitet</translation>
    </message>
    <message>
        <source>Downloading the catalog, prices and stock…</source>
        <translation>Sortiment, Preise und Bestand werden geladen…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Downloading {0}…</source>
        <translation>{0} wird geladen…</translation>
    </message>
    <message>
        <source> · about {0} s left</source>
        <translation> · noch ca. {0} s</translation>
    </message>
    <message>
        <source>{rows} of {total} rows · {rate} rows/s</source>
        <translation>{rows} von {total} Zeilen · {rate} Zeilen/s</translation>
    </message>
    <message>
        <source>Could not finish the download: {0}. Nothing is lost; it continues where it stopped.</source>
        <translation>Download nicht abgeschlossen: {0}. Nichts geht verloren; er setzt dort fort, wo er stoppte.</translation>
    </message>
    <message>
        <source>central is not reachable</source>
        <translation>Zentrale nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>One fewer</source>
        <translation>Eins weniger</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>Eins mehr</translation>
    </message>
    <message>
        <source>Or the shelf has:</source>
        <translation>Oder im Regal:</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Grund?</translation>
    </message>
    <message>
        <source>Note (needed for “Other”)</source>
        <translation>Notiz (nötig bei „Sonstiges“)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>Korrektur speichern</translation>
    </message>
    <message>
        <source>{delta}   (in store: {before} → {after})</source>
        <translation>{delta}   (Filiale: {before} → {after})</translation>
    </message>
    <message>
        <source>That is what the figures already say, so there is nothing to save.</source>
        <translation>Das entspricht schon dem Bestand, es gibt nichts zu speichern.</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>Wählen Sie einen Grund.</translation>
    </message>
    <message>
        <source>Tap your name, then type your PIN.</source>
        <translation>Namen antippen, dann PIN eingeben.</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Aisle — customer display</source>
        <translation>Aisle — Kundenanzeige</translation>
    </message>
    <message>
        <source>Total {0}</source>
        <translation>Summe {0}</translation>
    </message>
    <message>
        <source>Paid {0}</source>
        <translation>Bezahlt {0}</translation>
    </message>
</context>
<context>
    <name>CustomerSheet</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Remove from this sale</source>
        <translation>Vom Verkauf entfernen</translation>
    </message>
    <message>
        <source>Phone, e-mail or name</source>
        <translation>Telefon, E-Mail oder Name</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Recent customers</source>
        <translation>Letzte Kunden</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>e.g. Hanako Yamada</source>
        <translation>z. B. Max Mustermann</translation>
    </message>
    <message>
        <source>Reading (optional)</source>
        <translation>Aussprache (optional)</translation>
    </message>
    <message>
        <source>e.g. やまだ はなこ</source>
        <translation>z. B. やまだ はなこ</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>e.g. 090-1234-5678</source>
        <translation>z. B. 0170 1234567</translation>
    </message>
    <message>
        <source>An e-mail or a phone number is needed, so the customer can be found again.</source>
        <translation>E-Mail oder Telefonnummer ist nötig, damit der Kunde wiedergefunden wird.</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Zurück</translation>
    </message>
    <message>
        <source>Save and attach</source>
        <translation>Speichern und zuordnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source> · member</source>
        <translation> · Mitglied</translation>
    </message>
    <message>
        <source>On this sale: {name}{group}</source>
        <translation>Bei diesem Verkauf: {name}{group}</translation>
    </message>
    <message>
        <source>No customer served here yet.</source>
        <translation>Hier wurde noch kein Kunde bedient.</translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling, or make a new customer.</source>
        <translation>Niemand gefunden. Schreibweise prüfen oder neuen Kunden anlegen.</translation>
    </message>
    <message>
        <source>The first 20 customers found: type more to narrow it down.</source>
        <translation>Die ersten 20 Treffer: tippen Sie weiter, um einzugrenzen.</translation>
    </message>
    <message>
        <source>Tap a customer to put them on this sale.</source>
        <translation>Tippen Sie einen Kunden an, um ihn zuzuordnen.</translation>
    </message>
    <message>
        <source>not at central yet</source>
        <translation>noch nicht in der Zentrale</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Attach {name}</source>
        <translation>{name} zuordnen</translation>
    </message>
</context>
<context>
    <name>DayCharts</name>
    <message>
        <source>Sales by hour</source>
        <translation>Umsatz je Stunde</translation>
    </message>
    <message>
        <source>Tender mix</source>
        <translation>Zahlarten</translation>
    </message>
    <message>
        <source>Top items</source>
        <translation>Top-Artikel</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>No sales.</source>
        <translation>Keine Verkäufe.</translation>
    </message>
</context>
<context>
    <name>DeliverySheet</name>
    <message>
        <source>Delivery</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>Find or add…</source>
        <translation>Suchen/Anlegen…</translation>
    </message>
    <message>
        <source>To the customer</source>
        <translation>An den Kunden</translation>
    </message>
    <message>
        <source>To a store</source>
        <translation>An eine Filiale</translation>
    </message>
    <message>
        <source>Japan 日本</source>
        <translation>Japan</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>Deutschland</translation>
    </message>
    <message>
        <source>Tap to change the address</source>
        <translation>Tippen, um die Adresse zu ändern</translation>
    </message>
    <message>
        <source>Delivery option</source>
        <translation>Versandart</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Use this delivery</source>
        <translation>Diese Lieferung</translation>
    </message>
    <message>
        <source>{0}
Tap to change the address</source>
        <translation>{0}
Tippen, um die Adresse zu ändern</translation>
    </message>
    <message>
        <source>Who is it for? A recent customer, or find one.</source>
        <translation>Für wen? Ein letzter Kunde, oder suchen Sie einen.</translation>
    </message>
    <message>
        <source>For {name}</source>
        <translation>Für {name}</translation>
    </message>
    <message>
        <source>Someone else…</source>
        <translation>Jemand anderes…</translation>
    </message>
    <message>
        <source>Prefecture (都道府県)</source>
        <translation>Präfektur (都道府県)</translation>
    </message>
    <message>
        <source>State (optional)</source>
        <translation>Bundesland (optional)</translation>
    </message>
    <message>
        <source>This store has no delivery option to this country: sync, or ask head office.</source>
        <translation>Diese Filiale hat keine Versandart in dieses Land: synchronisieren oder Zentrale fragen.</translation>
    </message>
    <message>
        <source>Choose who the order is for first.</source>
        <translation>Wählen Sie zuerst, für wen die Bestellung ist.</translation>
    </message>
    <message>
        <source>Choose a delivery option.</source>
        <translation>Wählen Sie eine Versandart.</translation>
    </message>
</context>
<context>
    <name>DenominationPad</name>
    <message>
        <source>Pieces of %s</source>
        <translation>Anzahl %s</translation>
    </message>
</context>
<context>
    <name>EnrollView</name>
    <message>
        <source>Set up this device</source>
        <translation>Gerät einrichten</translation>
    </message>
    <message>
        <source>Scan the enrolment QR code from head office, or type the address and code below.</source>
        <translation>Scannen Sie den Registrierungs-QR-Code der Zentrale oder geben Sie Adresse und Code unten ein.</translation>
    </message>
    <message>
        <source>Central address, e.g. https://central.example.com</source>
        <translation>Adresse der Zentrale, z. B. https://central.example.com</translation>
    </message>
    <message>
        <source>Enrolment code, e.g. K7QF-3MZP-9XTA</source>
        <translation>Registrierungscode, z. B. K7QF-3MZP-9XTA</translation>
    </message>
    <message>
        <source>Enrol this device</source>
        <translation>Gerät registrieren</translation>
    </message>
    <message>
        <source>Read QR code from a picture…</source>
        <translation>QR-Code aus Bild lesen…</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>Zentrale</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enrol again</source>
        <translation>Neu registrieren</translation>
    </message>
    <message>
        <source>QR code picture</source>
        <translation>Bild mit QR-Code</translation>
    </message>
    <message>
        <source>That picture cannot be read ({0}).</source>
        <translation>Dieses Bild ist nicht lesbar ({0}).</translation>
    </message>
    <message>
        <source>Contacting central…</source>
        <translation>Verbindung zur Zentrale…</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Registriert</translation>
    </message>
    <message>
        <source>Enrol this device again?</source>
        <translation>Gerät neu registrieren?</translation>
    </message>
    <message>
        <source>Not enrolled again: nothing was changed.</source>
        <translation>Nicht neu registriert: nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>GiftCardSheet</name>
    <message>
        <source>Gift card {0}</source>
        <translation>Geschenkkarte {0}</translation>
    </message>
    <message>
        <source>Asking central for its balance…</source>
        <translation>Guthaben wird bei der Zentrale abgefragt…</translation>
    </message>
    <message>
        <source>Load, paid in cash</source>
        <translation>Aufladen, bar bezahlt</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>Anderer Betrag</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Aufladen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Not sold yet: a load sells and activates it.</source>
        <translation>Noch nicht verkauft: Aufladen verkauft und aktiviert sie.</translation>
    </message>
    <message>
        <source>Balance {0}</source>
        <translation>Guthaben {0}</translation>
    </message>
    <message>
        <source>(as this till last saw it: central cannot be reached)</source>
        <translation>(letzter Stand dieser Kasse: Zentrale nicht erreichbar)</translation>
    </message>
    <message>
        <source>Type the amount to load, like 3000 or 25.00.</source>
        <translation>Geben Sie den Ladebetrag ein, z. B. 3000 oder 25.00.</translation>
    </message>
    <message>
        <source>Loaded {0}: take {0} in cash. The card has it as soon as central does.</source>
        <translation>{0} aufgeladen: nehmen Sie {0} bar an. Die Karte hat es, sobald die Zentrale es hat.</translation>
    </message>
    <message>
        <source>No shift is open on this till: the cash is on no drawer count.</source>
        <translation>Keine offene Schicht an dieser Kasse: das Bargeld erscheint in keiner Kassenzählung.</translation>
    </message>
    <message>
        <source>Void this load ({0})</source>
        <translation>Aufladung stornieren ({0})</translation>
    </message>
    <message>
        <source>Load voided: give back {0} in cash.</source>
        <translation>Aufladung storniert: geben Sie {0} bar zurück.</translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Scan your pickup code</source>
        <translation>Abholcode scannen</translation>
    </message>
    <message>
        <source>Hold the QR code from your “ready for pickup” e-mail under the scanner.</source>
        <translation>Halten Sie den QR-Code aus Ihrer „Bereit zur Abholung“-E-Mail unter den Scanner.</translation>
    </message>
    <message>
        <source>Sorry, that did not work. Please ask at the counter.</source>
        <translation>Das hat leider nicht geklappt. Bitte fragen Sie an der Kasse.</translation>
    </message>
</context>
<context>
    <name>LanguageSheet</name>
    <message>
        <source>Language of your screens</source>
        <translation>Sprache Ihrer Bildschirme</translation>
    </message>
    <message>
        <source>Kept on this till for you; the next person sees the store&apos;s language until they choose.</source>
        <translation>Auf dieser Kasse für Sie gespeichert; die nächste Person sieht die Filialsprache, bis sie wählt.</translation>
    </message>
    <message>
        <source>Text on this till</source>
        <translation>Schrift an dieser Kasse</translation>
    </message>
    <message>
        <source>Text size {0} %</source>
        <translation>Schriftgröße {0} %</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Hoher Kontrast</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Finish or park the sale first: the screens are made again in the new language.</source>
        <translation>Schließen oder parken Sie zuerst den Verkauf: die Bildschirme werden neu aufgebaut.</translation>
    </message>
    <message>
        <source>The store&apos;s language: {language}</source>
        <translation>Sprache der Filiale: {language}</translation>
    </message>
    <message>
        <source>This till is set to {language} for everyone (AISLE_LANGUAGE).</source>
        <translation>Diese Kasse ist für alle auf {language} eingestellt (AISLE_LANGUAGE).</translation>
    </message>
</context>
<context>
    <name>LineRow</name>
    <message>
        <source>Tap for quantity, discount or price</source>
        <translation>Tippen für Menge, Rabatt oder Preis</translation>
    </message>
    <message>
        <source>One fewer</source>
        <translation>Eins weniger</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>Eins mehr</translation>
    </message>
    <message>
        <source>Remove this line</source>
        <translation>Position entfernen</translation>
    </message>
    <message>
        <source>Delivered to the customer</source>
        <translation>Lieferung an Kunden</translation>
    </message>
    <message>
        <source>{n} to return</source>
        <translation>{n} zur Rückgabe</translation>
    </message>
    <message>
        <source>One unit fewer</source>
        <translation>Ein Stück weniger</translation>
    </message>
    <message>
        <source>One unit more</source>
        <translation>Ein Stück mehr</translation>
    </message>
</context>
<context>
    <name>LineSheet</name>
    <message>
        <source>Discount on the whole basket</source>
        <translation>Rabatt auf den Warenkorb</translation>
    </message>
    <message>
        <source>{q} × {p} = {t}</source>
        <translation>{q} × {p} = {t}</translation>
    </message>
    <message>
        <source>Basket total {0}</source>
        <translation>Warenkorb {0}</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>% off</source>
        <translation>% Rabatt</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Rabattbetrag</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>Neuer Preis</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>No discount</source>
        <translation>Kein Rabatt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Type how many, as a whole number.</source>
        <translation>Geben Sie die Menge als ganze Zahl ein.</translation>
    </message>
    <message>
        <source>Type an amount, like 500 or 12.50.</source>
        <translation>Geben Sie einen Betrag ein, z. B. 500 oder 12.50.</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>Wählen Sie einen Grund.</translation>
    </message>
</context>
<context>
    <name>LoyaltySheet</name>
    <message>
        <source>{points} points</source>
        <translation>{points} Punkte</translation>
    </message>
    <message>
        <source>{tier}: {benefits}</source>
        <translation>{tier}: {benefits}</translation>
    </message>
    <message>
        <source>{n} more on their way from sales not yet at central</source>
        <translation>{n} weitere aus Verkäufen, die noch nicht in der Zentrale sind</translation>
    </message>
    <message>
        <source>Store credit {0}</source>
        <translation>Guthaben {0}</translation>
    </message>
    <message>
        <source>Central cannot be reached: these are this till&apos;s figures from its last sync. Points used now are checked by central later.</source>
        <translation>Zentrale nicht erreichbar: Werte dieser Kasse von der letzten Synchronisierung. Jetzt eingesetzte Punkte prüft die Zentrale später.</translation>
    </message>
    <message>
        <source>Stop using {n} points</source>
        <translation>{n} Punkte zurücknehmen</translation>
    </message>
    <message>
        <source>Use {n} points: −{value}</source>
        <translation>{n} Punkte einsetzen: −{value}</translation>
    </message>
    <message>
        <source>No points to use on this basket</source>
        <translation>Keine Punkte für diesen Warenkorb</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Aisle — {store}</source>
        <translation>Aisle — {store}</translation>
    </message>
    <message>
        <source>‹ Results</source>
        <translation>‹ Treffer</translation>
    </message>
    <message>
        <source>Search name, SKU or barcode — or scan</source>
        <translation>Name, SKU oder Barcode suchen – oder scannen</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Suche löschen</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Logout</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <source>Settings: printer and card terminal</source>
        <translation>Einstellungen: Drucker und Kartenterminal</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language of your screens</source>
        <translation>Sprache Ihrer Bildschirme</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Shift: float, cash in and out, X and Z reports</source>
        <translation>Schicht: Wechselgeld, Ein-/Entnahme, X- und Z-Bericht</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Returns: scan a return code or receipt</source>
        <translation>Rückgabe: Rückgabecode oder Bon scannen</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Rückgabe</translation>
    </message>
    <message>
        <source>More: shift, settings, language, sign out</source>
        <translation>Mehr: Schicht, Einstellungen, Sprache, Logout</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Search or scan an item</source>
        <translation>Artikel suchen oder scannen</translation>
    </message>
    <message>
        <source>Stock here, in nearby stores and in the warehouse shows up here.</source>
        <translation>Bestand hier, in nahen Filialen und im Lager erscheint hier.</translation>
    </message>
    <message>
        <source>Stock by colour and size</source>
        <translation>Bestand nach Farbe und Größe</translation>
    </message>
    <message>
        <source>{low} low · {out} out · * includes a correction not yet confirmed</source>
        <translation>{low} knapp · {out} ausverkauft · * enthält eine noch nicht bestätigte Korrektur</translation>
    </message>
    <message>
        <source>Correct stock…</source>
        <translation>Bestand korrigieren…</translation>
    </message>
    <message>
        <source>Tap a size in the grid first.</source>
        <translation>Tippen Sie zuerst eine Größe im Raster an.</translation>
    </message>
    <message>
        <source>Add to sale</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Ship to customer</source>
        <translation>An Kunden liefern</translation>
    </message>
    <message>
        <source>Paid here, delivered to the customer&apos;s address</source>
        <translation>Hier bezahlt, an die Kundenadresse geliefert</translation>
    </message>
    <message>
        <source>Ship to store…</source>
        <translation>An Filiale liefern…</translation>
    </message>
    <message>
        <source>Paid here, sent to a store for pickup</source>
        <translation>Hier bezahlt, zur Abholung an eine Filiale</translation>
    </message>
    <message>
        <source>Nearby stores and warehouses</source>
        <translation>Nahe Filialen und Lager</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Back to the results</source>
        <translation>Zurück zu den Treffern</translation>
    </message>
    <message>
        <source>Nothing matches “{0}”.</source>
        <translation>Nichts passt zu „{0}“.</translation>
    </message>
    <message>
        <source>This item is no longer in the catalog.</source>
        <translation>Dieser Artikel ist nicht mehr im Sortiment.</translation>
    </message>
    <message>
        <source>Members {0}</source>
        <translation>Mitglieder {0}</translation>
    </message>
    <message>
        <source>low</source>
        <translation>knapp</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>ausverkauft</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Lager</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>not known offline</source>
        <translation>offline unbekannt</translation>
    </message>
    <message>
        <source>as of {0}</source>
        <translation>Stand {0}</translation>
    </message>
    <message>
        <source>Tap a size to see it elsewhere or correct its count.</source>
        <translation>Größe antippen: Bestand anderswo sehen oder korrigieren.</translation>
    </message>
    <message>
        <source> (includes {0} not yet confirmed)</source>
        <translation> (davon {0} unbestätigt)</translation>
    </message>
    <message>
        <source>{what}: {n} in this store</source>
        <translation>{what}: {n} in dieser Filiale</translation>
    </message>
    <message>
        <source>Saved: {what} {delta}. It goes to central by itself.</source>
        <translation>Gespeichert: {what} {delta}. Geht automatisch an die Zentrale.</translation>
    </message>
    <message>
        <source>Central cannot be reached. Working from data as of {0}; what you save is sent later.</source>
        <translation>Zentrale nicht erreichbar. Daten vom Stand {0}; Gespeichertes wird später gesendet.</translation>
    </message>
    <message>
        <source>Connecting to central…</source>
        <translation>Verbindung zur Zentrale…</translation>
    </message>
    <message>
        <source>Connected to central · last sync {0}</source>
        <translation>Mit Zentrale verbunden · letzte Synchronisierung {0}</translation>
    </message>
    <message>
        <source>Downloading everything again…</source>
        <translation>Alles wird neu geladen…</translation>
    </message>
    <message>
        <source>Everything was downloaded again.</source>
        <translation>Alles wurde neu geladen.</translation>
    </message>
    <message>
        <source>Downloading everything again: {what}{pct}</source>
        <translation>Alles wird neu geladen: {what}{pct}</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>“{code}” is not a valid barcode (wrong check digit). Scan it again or type the number printed under the bars.</source>
        <translation>„{code}“ ist kein gültiger Barcode (falsche Prüfziffer). Noch einmal scannen oder die Zahl unter den Strichen eintippen.</translation>
    </message>
    <message>
        <source>{label} is not a note or coin of {currency}.</source>
        <translation>{label} ist kein Schein und keine Münze in {currency}.</translation>
    </message>
    <message>
        <source>Type how many {denomination} pieces there are, as a number.</source>
        <translation>Anzahl der Stücke zu {denomination} als Zahl eintippen.</translation>
    </message>
    <message>
        <source>“{typed}” for {denomination} is not a number of pieces; type digits only.</source>
        <translation>„{typed}“ bei {denomination} ist keine Stückzahl; nur Ziffern eintippen.</translation>
    </message>
    <message>
        <source>A drawer cannot hold {pieces} pieces of {denomination}; count again.</source>
        <translation>Eine Kasse kann nicht {pieces} Stück zu {denomination} enthalten; bitte neu zählen.</translation>
    </message>
    <message>
        <source>{pieces} pieces of {denomination} is more than a drawer holds; count again.</source>
        <translation>{pieces} Stück zu {denomination} sind mehr, als eine Kassenlade fasst; bitte neu zählen.</translation>
    </message>
    <message>
        <source>The float is counted when the shift opens.</source>
        <translation>Das Wechselgeld wird beim Öffnen der Schicht gezählt.</translation>
    </message>
    <message>
        <source>A no-sale moves no money; record a paid in or out instead.</source>
        <translation>Eine Kassenöffnung ohne Verkauf bewegt kein Geld; stattdessen Einlage oder Entnahme buchen.</translation>
    </message>
    <message>
        <source>Give an amount above 0.</source>
        <translation>Einen Betrag über 0 eingeben.</translation>
    </message>
    <message>
        <source>Choose a reason: {choices}.</source>
        <translation>Einen Grund wählen: {choices}.</translation>
    </message>
    <message>
        <source>Say why in the note when the reason is “other”.</source>
        <translation>Bei „Sonstiges“ den Grund in der Notiz angeben.</translation>
    </message>
    <message>
        <source>The count is off by more than the limit: choose a reason ({choices}).</source>
        <translation>Die Zählung weicht mehr als erlaubt ab: einen Grund wählen ({choices}).</translation>
    </message>
    <message>
        <source>Line {line_id} is not part of this return.</source>
        <translation>Position {line_id} gehört nicht zu dieser Rückgabe.</translation>
    </message>
    <message>
        <source>This return is already being refunded.</source>
        <translation>Diese Rückgabe wird bereits erstattet.</translation>
    </message>
    <message>
        <source>Grade each item resellable, damaged or wrong item.</source>
        <translation>Jeden Artikel einstufen: wieder verkaufbar, beschädigt oder falscher Artikel.</translation>
    </message>
    <message>
        <source>Only {quantity} of {sku} can come back on this return.</source>
        <translation>Von {sku} können mit dieser Rückgabe nur {quantity} zurückkommen.</translation>
    </message>
    <message>
        <source>Nothing is taken back: grade at least one item resellable or damaged.</source>
        <translation>Nichts wird zurückgenommen: mindestens einen Artikel als wieder verkaufbar oder beschädigt einstufen.</translation>
    </message>
    <message>
        <source>A return cannot go from {step} to {to}.</source>
        <translation>Eine Rückgabe kann nicht von {step} zu {to} wechseln.</translation>
    </message>
    <message>
        <source>This return is more than the sale&apos;s tenders can take back.</source>
        <translation>Diese Rückgabe ist höher, als die Zahlungsarten des Verkaufs zurücknehmen können.</translation>
    </message>
    <message>
        <source>This person cannot sign in on this store&apos;s devices.</source>
        <translation>Diese Person kann sich an den Geräten dieser Filiale nicht anmelden.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {wait}.</source>
        <translation>Zu viele falsche PINs. In {wait} erneut versuchen.</translation>
    </message>
    <message>
        <source>Wrong PIN. {left} more tries before a pause.</source>
        <translation>Falsche PIN. Noch {left} Versuche bis zu einer Pause.</translation>
    </message>
    <message>
        <source>Wrong PIN. 1 more try before a pause.</source>
        <translation>Falsche PIN. Noch 1 Versuch bis zu einer Pause.</translation>
    </message>
    <message>
        <source>Wrong PIN. Locked for {wait}.</source>
        <translation>Falsche PIN. Für {wait} gesperrt.</translation>
    </message>
    <message>
        <source>This device does not hold the PIN key, so no PIN can be checked. Enrol the device again.</source>
        <translation>Dieses Gerät hat den PIN-Schlüssel nicht, daher kann keine PIN geprüft werden. Gerät neu registrieren.</translation>
    </message>
    <message>
        <source>{name} is not a {needed}, so cannot approve this. Ask a {needed}.</source>
        <translation>{name} gehört nicht zur {needed} und kann das nicht freigeben. Bitte die {needed} fragen.</translation>
    </message>
    <message>
        <source>This needs a {needed}. Ask a {needed} to enter their PIN to approve.</source>
        <translation>Dafür braucht es die {needed}. Die {needed} gibt zur Freigabe ihre PIN ein.</translation>
    </message>
    <message>
        <source>This needs a {needed}. Ask a {needed} to sign in and approve.</source>
        <translation>Dafür braucht es die {needed}. Die {needed} meldet sich an und gibt frei.</translation>
    </message>
    <message>
        <source>Give either how many more or fewer there are, or how many the shelf has.</source>
        <translation>Entweder angeben, wie viele mehr oder weniger es sind, oder wie viele im Regal liegen.</translation>
    </message>
    <message>
        <source>That is what the figures already say, so there is nothing to save.</source>
        <translation>Das sagen die Zahlen bereits, es gibt nichts zu speichern.</translation>
    </message>
    <message>
        <source>A shelf cannot hold fewer than 0 pieces; count again.</source>
        <translation>Ein Regal kann nicht weniger als 0 Stück enthalten; bitte neu zählen.</translation>
    </message>
    <message>
        <source>That is more than 9,999 pieces; count again.</source>
        <translation>Das sind mehr als 9.999 Stück; bitte neu zählen.</translation>
    </message>
    <message>
        <source>“{reason}” does not fit {direction}; choose another reason.</source>
        <translation>„{reason}“ passt nicht zu {direction}; bitte einen anderen Grund wählen.</translation>
    </message>
    <message>
        <source>Say why in the note when the reason is “Other”.</source>
        <translation>Bei „Sonstiges“ den Grund in der Notiz angeben.</translation>
    </message>
    <message>
        <source>This item is not in the catalog on this device.</source>
        <translation>Dieser Artikel ist nicht im Sortiment dieses Geräts.</translation>
    </message>
    <message>
        <source>no operation with that id</source>
        <translation>kein Vorgang mit dieser ID</translation>
    </message>
    <message>
        <source>requeued: it will be sent with the next sync</source>
        <translation>erneut eingereiht: wird mit der nächsten Synchronisierung gesendet</translation>
    </message>
    <message>
        <source>not a rejected operation: it was already sent</source>
        <translation>kein abgelehnter Vorgang: er wurde bereits gesendet</translation>
    </message>
    <message>
        <source>not a rejected operation: it is still waiting to be sent</source>
        <translation>kein abgelehnter Vorgang: er wartet noch auf das Senden</translation>
    </message>
    <message>
        <source>Central cannot be reached ({detail}). Working from the figures on this device.</source>
        <translation>Die Zentrale ist nicht erreichbar ({detail}). Es wird mit den Zahlen auf diesem Gerät gearbeitet.</translation>
    </message>
    <message>
        <source>Central is there but had a problem, so nothing more was done; the device tries again by itself. ({detail})</source>
        <translation>Die Zentrale ist da, hatte aber ein Problem, daher wurde nichts weiter getan; das Gerät versucht es selbst erneut. ({detail})</translation>
    </message>
    <message>
        <source>Central refused this device&apos;s token ({detail}). Enrol the device again.</source>
        <translation>Die Zentrale hat das Token dieses Geräts abgelehnt ({detail}). Gerät neu registrieren.</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>Synchronisiert.</translation>
    </message>
    <message>
        <source>Sync failed: {detail}</source>
        <translation>Synchronisierung fehlgeschlagen: {detail}</translation>
    </message>
    <message>
        <source>This store&apos;s details are not on this device yet; sync first.</source>
        <translation>Die Daten dieser Filiale sind noch nicht auf diesem Gerät; zuerst synchronisieren.</translation>
    </message>
    <message>
        <source>Item {variant_id} is not in the catalog on this device.</source>
        <translation>Artikel {variant_id} ist nicht im Sortiment dieses Geräts.</translation>
    </message>
    <message>
        <source>There is no tax rate for “{tax_class}” on this device yet; sync first.</source>
        <translation>Für „{tax_class}“ gibt es auf diesem Gerät noch keinen Steuersatz; zuerst synchronisieren.</translation>
    </message>
    <message>
        <source>{due} is still due.</source>
        <translation>Es sind noch {due} offen.</translation>
    </message>
    <message>
        <source>{due} is still due ({due_cash} in cash).</source>
        <translation>Es sind noch {due} offen ({due_cash} in bar).</translation>
    </message>
    <message>
        <source>This sale cannot be recorded: {detail}</source>
        <translation>Dieser Verkauf kann nicht gebucht werden: {detail}</translation>
    </message>
    <message>
        <source>“{address}” is not an e-mail address; check it with the customer.</source>
        <translation>„{address}“ ist keine E-Mail-Adresse; bitte mit dem Kunden prüfen.</translation>
    </message>
    <message>
        <source>There is no receipt {number} on this device.</source>
        <translation>Auf diesem Gerät gibt es keinen Beleg {number}.</translation>
    </message>
    <message>
        <source>There is no print job {job}.</source>
        <translation>Es gibt keinen Druckauftrag {job}.</translation>
    </message>
    <message>
        <source>This till has no receipt printer set up: e-mail the receipt, or set a printer first.</source>
        <translation>An dieser Kasse ist kein Bondrucker eingerichtet: Beleg per E-Mail senden oder zuerst einen Drucker einrichten.</translation>
    </message>
    <message>
        <source>This till has no printer set up: set one in Settings first.</source>
        <translation>An dieser Kasse ist kein Drucker eingerichtet: zuerst in den Einstellungen einrichten.</translation>
    </message>
    <message>
        <source>There is no sale {sale_id} on this device.</source>
        <translation>Auf diesem Gerät gibt es keinen Verkauf {sale_id}.</translation>
    </message>
    <message>
        <source>“{code}” is not a barcode or SKU this store knows.</source>
        <translation>„{code}“ ist kein Barcode und keine SKU, die diese Filiale kennt.</translation>
    </message>
    <message>
        <source>Too late to undo; add the item again.</source>
        <translation>Zu spät zum Rückgängigmachen; den Artikel erneut hinzufügen.</translation>
    </message>
    <message>
        <source>The basket is empty: scan or add an item first.</source>
        <translation>Der Warenkorb ist leer: zuerst einen Artikel scannen oder hinzufügen.</translation>
    </message>
    <message>
        <source>That line is no longer in the basket.</source>
        <translation>Diese Position ist nicht mehr im Warenkorb.</translation>
    </message>
    <message>
        <source>That parked basket is no longer here (resumed or paid on this device).</source>
        <translation>Dieser geparkte Warenkorb ist nicht mehr da (auf diesem Gerät fortgesetzt oder bezahlt).</translation>
    </message>
    <message>
        <source>{percent} % off is above your limit of {limit} %. A {needed} approves with their PIN.</source>
        <translation>{percent} % Rabatt liegen über Ihrem Limit von {limit} %. Die {needed} gibt mit ihrer PIN frei.</translation>
    </message>
    <message>
        <source>This price is {percent} % below the list price, above your limit of {limit} %. A {needed} approves with their PIN.</source>
        <translation>Dieser Preis liegt {percent} % unter dem Listenpreis, über Ihrem Limit von {limit} %. Die {needed} gibt mit ihrer PIN frei.</translation>
    </message>
    <message>
        <source>{percent} % off is above every role&apos;s limit; nobody on this till can approve it.</source>
        <translation>{percent} % Rabatt liegen über dem Limit jeder Rolle; an dieser Kasse kann das niemand freigeben.</translation>
    </message>
    <message>
        <source>{percent} % below the list price is above every role&apos;s limit; nobody on this till can approve it.</source>
        <translation>{percent} % unter dem Listenpreis liegen über dem Limit jeder Rolle; an dieser Kasse kann das niemand freigeben.</translation>
    </message>
    <message>
        <source>Type a name, a phone number or an e-mail to search.</source>
        <translation>Zum Suchen einen Namen, eine Telefonnummer oder eine E-Mail eintippen.</translation>
    </message>
    <message>
        <source>Central refused the search: {detail}</source>
        <translation>Die Zentrale hat die Suche abgelehnt: {detail}</translation>
    </message>
    <message>
        <source>Central cannot be reached: showing the customers this till served recently.</source>
        <translation>Die Zentrale ist nicht erreichbar: es werden die Kunden gezeigt, die diese Kasse zuletzt bedient hat.</translation>
    </message>
    <message>
        <source>Type the customer&apos;s name.</source>
        <translation>Den Namen des Kunden eintippen.</translation>
    </message>
    <message>
        <source>That name is too long (200 characters at most).</source>
        <translation>Der Name ist zu lang (höchstens 200 Zeichen).</translation>
    </message>
    <message>
        <source>“{email}” is not a complete e-mail address: it looks like name@example.com.</source>
        <translation>„{email}“ ist keine vollständige E-Mail-Adresse: sie sieht aus wie name@example.com.</translation>
    </message>
    <message>
        <source>“{phone}” is not a phone number. {why}</source>
        <translation>„{phone}“ ist keine Telefonnummer. {why}</translation>
    </message>
    <message>
        <source>Give an e-mail or a phone number, so the customer can be found again.</source>
        <translation>Eine E-Mail oder Telefonnummer angeben, damit der Kunde wiedergefunden wird.</translation>
    </message>
    <message>
        <source>{name} already has the e-mail {email}. Attach {name} instead.</source>
        <translation>{name} hat bereits die E-Mail {email}. Stattdessen {name} zuordnen.</translation>
    </message>
    <message>
        <source>This device is not enrolled yet.</source>
        <translation>Dieses Gerät ist noch nicht registriert.</translation>
    </message>
    <message>
        <source>The device token is missing from the keyring; enrol the device again.</source>
        <translation>Das Geräte-Token fehlt im Schlüsselbund; Gerät neu registrieren.</translation>
    </message>
    <message>
        <source>Head office sets this store&apos;s shift rules (central shift-policy); they cannot be changed on the till.</source>
        <translation>Die Schichtregeln dieser Filiale legt die Zentrale fest (central shift-policy); an der Kasse lassen sie sich nicht ändern.</translation>
    </message>
    <message>
        <source>Re-enrolling changes what happens to operations waiting to be sent; confirm with --yes.</source>
        <translation>Eine neue Registrierung ändert, was mit wartenden Vorgängen geschieht; mit --yes bestätigen.</translation>
    </message>
    <message>
        <source>This is not a gift card number: it is GC and 11 digits.</source>
        <translation>Das ist keine Geschenkkartennummer: sie besteht aus GC und 11 Ziffern.</translation>
    </message>
    <message>
        <source>This gift card number has a typing error: check it against the card.</source>
        <translation>Diese Geschenkkartennummer hat einen Tippfehler: mit der Karte vergleichen.</translation>
    </message>
    <message>
        <source>This is not a member code of this retailer.</source>
        <translation>Das ist kein Mitgliedscode dieses Händlers.</translation>
    </message>
    <message>
        <source>This code was signed with a key this till does not know: sync, then scan again.</source>
        <translation>Dieser Code wurde mit einem Schlüssel signiert, den diese Kasse nicht kennt: synchronisieren, dann erneut scannen.</translation>
    </message>
    <message>
        <source>This member code is not genuine (altered or forged).</source>
        <translation>Dieser Mitgliedscode ist nicht echt (verändert oder gefälscht).</translation>
    </message>
    <message>
        <source>This is not a pickup code of this retailer.</source>
        <translation>Das ist kein Abholcode dieses Händlers.</translation>
    </message>
    <message>
        <source>This code was signed with a key this tablet does not know: sync, then scan again.</source>
        <translation>Dieser Code wurde mit einem Schlüssel signiert, den dieses Tablet nicht kennt: synchronisieren, dann erneut scannen.</translation>
    </message>
    <message>
        <source>This pickup code is not genuine (altered or forged).</source>
        <translation>Dieser Abholcode ist nicht echt (verändert oder gefälscht).</translation>
    </message>
    <message>
        <source>Central cannot be reached and this card was never seen on this till, so its balance cannot be checked.</source>
        <translation>Die Zentrale ist nicht erreichbar und diese Karte war noch nie an dieser Kasse, daher lässt sich ihr Guthaben nicht prüfen.</translation>
    </message>
    <message>
        <source>This gift card is not active: it must be sold and activated first.</source>
        <translation>Diese Geschenkkarte ist nicht aktiv: sie muss erst verkauft und aktiviert werden.</translation>
    </message>
    <message>
        <source>This gift card holds {card_currency}, not {currency}.</source>
        <translation>Diese Geschenkkarte lautet auf {card_currency}, nicht auf {currency}.</translation>
    </message>
    <message>
        <source>Type the amount to load, more than 0.</source>
        <translation>Den Ladebetrag eintippen, mehr als 0.</translation>
    </message>
    <message>
        <source>There is no such gift-card load on this till.</source>
        <translation>An dieser Kasse gibt es keine solche Aufladung.</translation>
    </message>
    <message>
        <source>This load was voided already.</source>
        <translation>Diese Aufladung wurde bereits storniert.</translation>
    </message>
    <message>
        <source>Nothing is due to pay with it.</source>
        <translation>Es ist nichts offen, das damit bezahlt werden kann.</translation>
    </message>
    <message>
        <source>Attach the customer first: store credit is theirs.</source>
        <translation>Zuerst den Kunden zuordnen: das Guthaben gehört ihm.</translation>
    </message>
    <message>
        <source>Central cannot be reached and this till knows of less than that on it: take the rest another way.</source>
        <translation>Die Zentrale ist nicht erreichbar und diese Kasse kennt weniger Guthaben darauf: den Rest anders kassieren.</translation>
    </message>
    <message>
        <source>Central cannot be reached and this till&apos;s offline limit for today is used up: take it another way.</source>
        <translation>Die Zentrale ist nicht erreichbar und das Offline-Limit dieser Kasse für heute ist aufgebraucht: anders kassieren.</translation>
    </message>
    <message>
        <source>The gift spend could not be given back at central now: {detail}</source>
        <translation>Die Zahlung mit Geschenkkarte konnte in der Zentrale gerade nicht zurückgegeben werden: {detail}</translation>
    </message>
    <message>
        <source>The credit spend could not be given back at central now: {detail}</source>
        <translation>Die Zahlung mit Guthaben konnte in der Zentrale gerade nicht zurückgegeben werden: {detail}</translation>
    </message>
    <message>
        <source>No card payment {id!r} on this till.</source>
        <translation>An dieser Kasse gibt es keine Kartenzahlung {id!r}.</translation>
    </message>
    <message>
        <source>No card terminal is set up on this till.</source>
        <translation>An dieser Kasse ist kein Kartenterminal eingerichtet.</translation>
    </message>
    <message>
        <source>A card payment for this basket is already on the terminal.</source>
        <translation>Eine Kartenzahlung für diesen Warenkorb läuft bereits am Terminal.</translation>
    </message>
    <message>
        <source>The terminal has not said how the last card payment of this basket ended: look at the terminal and record what it shows first.</source>
        <translation>Das Terminal hat nicht gemeldet, wie die letzte Kartenzahlung dieses Warenkorbs endete: am Terminal nachsehen und zuerst festhalten, was es zeigt.</translation>
    </message>
    <message>
        <source>A card can pay between {low} and {high} here.</source>
        <translation>Mit Karte sind hier {low} bis {high} möglich.</translation>
    </message>
    <message>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
    <message>
        <source>The terminal already said how this payment ended.</source>
        <translation>Das Terminal hat bereits gemeldet, wie diese Zahlung endete.</translation>
    </message>
    <message>
        <source>Type the approval code the terminal shows (letters and digits).</source>
        <translation>Den Genehmigungscode eintippen, den das Terminal zeigt (Buchstaben und Ziffern).</translation>
    </message>
    <message>
        <source>This sale is complete: give money back as a refund.</source>
        <translation>Dieser Verkauf ist abgeschlossen: Geld als Erstattung zurückgeben.</translation>
    </message>
    <message>
        <source>A card payment could not be given back yet: try again, or look at the terminal.</source>
        <translation>Eine Kartenzahlung konnte noch nicht zurückgegeben werden: erneut versuchen oder am Terminal nachsehen.</translation>
    </message>
    <message>
        <source>This card payment was recorded by hand: give the money back on the terminal itself.</source>
        <translation>Diese Kartenzahlung wurde von Hand erfasst: das Geld direkt am Terminal zurückgeben.</translation>
    </message>
    <message>
        <source>No card payment of this sale or transaction on this till.</source>
        <translation>An dieser Kasse gibt es keine Kartenzahlung zu diesem Verkauf oder dieser Transaktion.</translation>
    </message>
    <message>
        <source>At most {most} can go back to this card.</source>
        <translation>Höchstens {most} können auf diese Karte zurück.</translation>
    </message>
    <message>
        <source>Nothing is left to give back on this card.</source>
        <translation>Auf diese Karte kann nichts mehr zurück.</translation>
    </message>
    <message>
        <source>A terminal is simulated or on the network.</source>
        <translation>Ein Terminal ist simuliert oder im Netzwerk.</translation>
    </message>
    <message>
        <source>Type the terminal&apos;s POIID as it shows it, like V400m-123456789.</source>
        <translation>Die POIID des Terminals so eintippen, wie es sie zeigt, z. B. V400m-123456789.</translation>
    </message>
    <message>
        <source>Type the terminal&apos;s address, like https://192.168.1.20:8443/nexo/.</source>
        <translation>Die Adresse des Terminals eintippen, z. B. https://192.168.1.20:8443/nexo/.</translation>
    </message>
    <message>
        <source>The port of the terminal&apos;s address is not a number.</source>
        <translation>Der Port in der Adresse des Terminals ist keine Zahl.</translation>
    </message>
    <message>
        <source>A terminal on the network is reached over HTTPS (plain HTTP only on this computer, for tests).</source>
        <translation>Ein Terminal im Netzwerk wird über HTTPS erreicht (einfaches HTTP nur auf diesem Computer, für Tests).</translation>
    </message>
    <message>
        <source>Choose the CA file the terminal&apos;s certificate is checked against.</source>
        <translation>Die CA-Datei wählen, gegen die das Zertifikat des Terminals geprüft wird.</translation>
    </message>
    <message>
        <source>The key version is a number from 1.</source>
        <translation>Die Schlüsselversion ist eine Zahl ab 1.</translation>
    </message>
    <message>
        <source>Type the passphrase set on the terminal for this key.</source>
        <translation>Die Passphrase eintippen, die am Terminal für diesen Schlüssel gesetzt ist.</translation>
    </message>
    <message>
        <source>A receipt printer is 42 or 48 columns wide.</source>
        <translation>Ein Bondrucker ist 42 oder 48 Zeichen breit.</translation>
    </message>
    <message>
        <source>The device settings in {path} cannot be read ({detail}).</source>
        <translation>Die Geräteeinstellungen in {path} können nicht gelesen werden ({detail}).</translation>
    </message>
    <message>
        <source>The device settings in {path} are not a JSON object.</source>
        <translation>Die Geräteeinstellungen in {path} sind kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The device settings in {path} have a wrong value ({detail}).</source>
        <translation>Die Geräteeinstellungen in {path} enthalten einen falschen Wert ({detail}).</translation>
    </message>
    <message>
        <source>No receipt printer is set on this till: type its address first.</source>
        <translation>An dieser Kasse ist kein Bondrucker eingestellt: zuerst seine Adresse eintippen.</translation>
    </message>
    <message>
        <source>The printer at {printer} is off or cannot be reached.</source>
        <translation>Der Drucker unter {printer} ist aus oder nicht erreichbar.</translation>
    </message>
    <message>
        <source>The printer is out of paper.</source>
        <translation>Im Drucker ist kein Papier.</translation>
    </message>
    <message>
        <source>The printer&apos;s cover is open.</source>
        <translation>Die Abdeckung des Druckers ist offen.</translation>
    </message>
    <message>
        <source>The printer at {printer} did not take the test page ({problem}).</source>
        <translation>Der Drucker unter {printer} hat die Testseite nicht angenommen ({problem}).</translation>
    </message>
    <message>
        <source>{value!r} is not a language of Aisle: use one of {choices}.</source>
        <translation>{value!r} ist keine Sprache von Aisle: eine davon verwenden: {choices}.</translation>
    </message>
    <message>
        <source>{where}: {value} is a JSON float; write amounts in minor units and rates as strings</source>
        <translation>{where}: {value} ist eine JSON-Gleitkommazahl; Beträge in kleinsten Einheiten und Sätze als Text schreiben</translation>
    </message>
    <message>
        <source>{where} is not JSON: {detail} (line {line}, column {column})</source>
        <translation>{where} ist kein JSON: {detail} (Zeile {line}, Spalte {column})</translation>
    </message>
    <message>
        <source>cannot read {path}: {detail}</source>
        <translation>{path} kann nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <source>{path} is not UTF-8 text</source>
        <translation>{path} ist kein UTF-8-Text</translation>
    </message>
    <message>
        <source>Barcode {code} is not in the catalog. Check the label or search by name.</source>
        <translation>Barcode {code} ist nicht im Sortiment. Etikett prüfen oder nach Namen suchen.</translation>
    </message>
    <message>
        <source>No store or warehouse has ever had {sku}: it cannot be ordered for delivery.</source>
        <translation>Kein Laden und kein Lager hatte je {sku}: der Artikel kann nicht zur Lieferung bestellt werden.</translation>
    </message>
    <message>
        <source>Choose how the order is delivered.</source>
        <translation>Wählen, wie die Bestellung geliefert wird.</translation>
    </message>
    <message>
        <source>Attach the customer first: a delivery needs their name and e-mail or phone.</source>
        <translation>Zuerst den Kunden zuordnen: eine Lieferung braucht Namen und E-Mail oder Telefon.</translation>
    </message>
    <message>
        <source>Choose the delivery address and option first.</source>
        <translation>Zuerst Lieferadresse und Versandart wählen.</translation>
    </message>
    <message>
        <source>The delivery fee item {sku} is not in this till&apos;s catalog yet: sync, then try again.</source>
        <translation>Der Versandkostenartikel {sku} ist noch nicht im Sortiment dieser Kasse: synchronisieren, dann erneut versuchen.</translation>
    </message>
    <message>
        <source>This basket already collects pickup order {number}: take its payment first, then the next order.</source>
        <translation>Dieser Warenkorb kassiert bereits Abholbestellung {number}: zuerst deren Zahlung, dann die nächste Bestellung.</translation>
    </message>
    <message>
        <source>Pickup order {number} is in {currency}, not this store&apos;s money.</source>
        <translation>Abholbestellung {number} lautet auf {currency}, nicht auf die Währung dieser Filiale.</translation>
    </message>
    <message>
        <source>This line is collected from a pickup order at the order&apos;s price: to leave some of it, take the order off the sale (✕) and choose the lines on its handover again.</source>
        <translation>Diese Position wird aus einer Abholbestellung zum Bestellpreis ausgegeben: um einen Teil wegzulassen, die Bestellung aus dem Verkauf nehmen (✕) und die Positionen bei der Übergabe neu wählen.</translation>
    </message>
    <message>
        <source>This basket collects pickup order {number}: take the payment, or clear the basket (the order stays ready on its shelf).</source>
        <translation>Dieser Warenkorb kassiert Abholbestellung {number}: die Zahlung annehmen oder den Warenkorb leeren (die Bestellung bleibt bereit im Regal).</translation>
    </message>
    <message>
        <source>A card payment of this basket has not ended yet: settle it on the Pay screen before parking.</source>
        <translation>Eine Kartenzahlung dieses Warenkorbs ist noch nicht beendet: vor dem Parken im Bezahlbildschirm abschließen.</translation>
    </message>
    <message>
        <source>This basket holds a card payment of {amount}: take the rest to finish the sale, or give the card payment back on the Pay screen, then park it.</source>
        <translation>Dieser Warenkorb enthält eine Kartenzahlung von {amount}: den Rest kassieren und den Verkauf abschließen, oder die Kartenzahlung im Bezahlbildschirm zurückgeben und dann parken.</translation>
    </message>
    <message>
        <source>A price override needs a reason.</source>
        <translation>Eine Preisänderung braucht einen Grund.</translation>
    </message>
    <message>
        <source>A discount is a percent or an amount.</source>
        <translation>Ein Rabatt ist ein Prozentsatz oder ein Betrag.</translation>
    </message>
    <message>
        <source>Type the discount as a number.</source>
        <translation>Den Rabatt als Zahl eintippen.</translation>
    </message>
    <message>
        <source>A discount needs a reason.</source>
        <translation>Ein Rabatt braucht einen Grund.</translation>
    </message>
    <message>
        <source>Attach the customer first: the points are theirs.</source>
        <translation>Zuerst den Kunden zuordnen: die Punkte gehören ihm.</translation>
    </message>
    <message>
        <source>The customer has no points to use here.</source>
        <translation>Der Kunde hat hier keine Punkte einzulösen.</translation>
    </message>
    <message>
        <source>There is no shipment {number} for this store.</source>
        <translation>Für diese Filiale gibt es keine Sendung {number}.</translation>
    </message>
    <message>
        <source>Order {number} is {state}: only an order central could not source takes a decision.</source>
        <translation>Bestellung {number} ist {state}: nur eine Bestellung, für die die Zentrale keine Quelle fand, braucht eine Entscheidung.</translation>
    </message>
    <message>
        <source>Choose where order {number} ships from.</source>
        <translation>Wählen, von wo Bestellung {number} versendet wird.</translation>
    </message>
    <message>
        <source>Nothing is owed to the customer of order {number}.</source>
        <translation>Dem Kunden von Bestellung {number} steht nichts zu.</translation>
    </message>
    <message>
        <source>The card payment of order {number} was not taken on this till: refund it in cash, or on the till that sold it.</source>
        <translation>Die Kartenzahlung von Bestellung {number} lief nicht über diese Kasse: bar erstatten oder an der Kasse, die verkauft hat.</translation>
    </message>
    <message>
        <source>Order {number} is not this store&apos;s to ship (it is {state}).</source>
        <translation>Bestellung {number} versendet nicht diese Filiale (sie ist {state}).</translation>
    </message>
    <message>
        <source>Choose the carrier the parcel left with.</source>
        <translation>Den Paketdienst wählen, dem das Paket übergeben wurde.</translation>
    </message>
    <message>
        <source>The tracking number {tracking!r} is not one: 4 to 40 letters, digits or dashes.</source>
        <translation>Die Sendungsnummer {tracking!r} ist keine: 4 bis 40 Buchstaben, Ziffern oder Bindestriche.</translation>
    </message>
    <message>
        <source>No delivery option is set up for {country}: sync, or ask head office.</source>
        <translation>Für {country} ist keine Versandart eingerichtet: synchronisieren oder die Zentrale fragen.</translation>
    </message>
    <message>
        <source>The terminal did not refund the card.</source>
        <translation>Das Terminal hat nicht auf die Karte erstattet.</translation>
    </message>
    <message>
        <source>Refund in cash or to the card.</source>
        <translation>Bar oder auf die Karte erstatten.</translation>
    </message>
    <message>
        <source>The order of receipt {receipt} is paid back already, or central has not refused it.</source>
        <translation>Die Bestellung zu Bon {receipt} ist bereits erstattet, oder die Zentrale hat sie nicht abgelehnt.</translation>
    </message>
    <message>
        <source>{where}: {detail}</source>
        <translation>{where}: {detail}</translation>
    </message>
    <message>
        <source>There is no pickup order {number} at this store.</source>
        <translation>In dieser Filiale gibt es keine Abholbestellung {number}.</translation>
    </message>
    <message>
        <source>{what} is not in order {number}. Put it back and scan the item on the list.</source>
        <translation>{what} gehört nicht zu Bestellung {number}. Zurücklegen und den Artikel von der Liste scannen.</translation>
    </message>
    <message>
        <source>Order {number} needs no more of {sku}: all {qty} are in the bag.</source>
        <translation>Bestellung {number} braucht kein weiteres {sku}: alle {qty} sind in der Tüte.</translation>
    </message>
    <message>
        <source>Line {line} of order {number} still needs a scan or “missing”.</source>
        <translation>Position {line} von Bestellung {number} braucht noch einen Scan oder „fehlt“.</translation>
    </message>
    <message>
        <source>Nothing of order {number} was found: it cannot be made ready.</source>
        <translation>Von Bestellung {number} wurde nichts gefunden: sie kann nicht bereitgestellt werden.</translation>
    </message>
    <message>
        <source>Order {number} is {state}, not ready for handover.</source>
        <translation>Bestellung {number} ist {state}, nicht bereit zur Übergabe.</translation>
    </message>
    <message>
        <source>Order {number} was already collected at {time} by {who}.</source>
        <translation>Bestellung {number} wurde bereits um {time} von {who} abgeholt.</translation>
    </message>
    <message>
        <source>Type the name of the person collecting for the customer.</source>
        <translation>Den Namen der Person eintippen, die für den Kunden abholt.</translation>
    </message>
    <message>
        <source>No pickup order {number} for a customer called “{name}” at this store.</source>
        <translation>In dieser Filiale gibt es keine Abholbestellung {number} für einen Kunden namens „{name}“.</translation>
    </message>
    <message>
        <source>Choose at least one line to hand over.</source>
        <translation>Mindestens eine Position zur Übergabe wählen.</translation>
    </message>
    <message>
        <source>Order {number} is {state}: only an expired order&apos;s bag goes back on the shelf.</source>
        <translation>Bestellung {number} ist {state}: nur die Tüte einer abgelaufenen Bestellung kommt zurück ins Regal.</translation>
    </message>
    <message>
        <source>Order {number} is already back on the shelf.</source>
        <translation>Bestellung {number} ist bereits zurück im Regal.</translation>
    </message>
    <message>
        <source>This bag label is for store {store}, not this one ({here}).</source>
        <translation>Dieses Tütenetikett ist für Filiale {store}, nicht für diese ({here}).</translation>
    </message>
    <message>
        <source>This is not a bag label this app can read.</source>
        <translation>Das ist kein Tütenetikett, das diese App lesen kann.</translation>
    </message>
    <message>
        <source>Order {number} is not (or no longer) in this store&apos;s pickups.</source>
        <translation>Bestellung {number} ist nicht (oder nicht mehr) unter den Abholungen dieser Filiale.</translation>
    </message>
    <message>
        <source>Order {number} is pay on pickup: take the payment ({total}) first.</source>
        <translation>Bestellung {number} wird bei Abholung bezahlt: zuerst die Zahlung ({total}) annehmen.</translation>
    </message>
    <message>
        <source>This till has already handed this pickup order over: clear the basket (nothing is charged).</source>
        <translation>Diese Kasse hat diese Abholbestellung bereits übergeben: den Warenkorb leeren (es wird nichts berechnet).</translation>
    </message>
    <message>
        <source>Order {number} was paid online: hand it over, there is nothing to pay.</source>
        <translation>Bestellung {number} wurde online bezahlt: übergeben, es ist nichts zu zahlen.</translation>
    </message>
    <message>
        <source>“{code}” is not a barcode this store knows.</source>
        <translation>„{code}“ ist kein Barcode, den diese Filiale kennt.</translation>
    </message>
    <message>
        <source>Till {till} already has an open shift (opened {opened}); close it before opening another.</source>
        <translation>An Kasse {till} ist bereits eine Schicht offen (geöffnet {opened}); zuerst schließen, dann eine neue öffnen.</translation>
    </message>
    <message>
        <source>There is no open shift on till {till}; open one with its float first.</source>
        <translation>An Kasse {till} ist keine Schicht offen; zuerst eine mit ihrem Wechselgeld öffnen.</translation>
    </message>
    <message>
        <source>This shift was already closed with Z report {number} at {closed}.</source>
        <translation>Diese Schicht wurde bereits um {closed} mit Z-Bericht {number} geschlossen.</translation>
    </message>
    <message>
        <source>There is no shift {shift_id} on this device.</source>
        <translation>Auf diesem Gerät gibt es keine Schicht {shift_id}.</translation>
    </message>
    <message>
        <source>Count the drawer before closing the shift.</source>
        <translation>Vor dem Schließen der Schicht die Kassenlade zählen.</translation>
    </message>
    <message>
        <source>The shift is still open, so its Z report is made when it closes (an X report shows the figures so far).</source>
        <translation>Die Schicht ist noch offen, ihr Z-Bericht entsteht beim Schließen (ein X-Bericht zeigt die Zahlen bis jetzt).</translation>
    </message>
    <message>
        <source>There is no Z report {number} for till {till}.</source>
        <translation>Für Kasse {till} gibt es keinen Z-Bericht {number}.</translation>
    </message>
    <message>
        <source>The count is {difference} off, beyond the limit of {limit}: a manager approves with their PIN.</source>
        <translation>Die Zählung weicht um {difference} ab, mehr als das Limit von {limit}: die Filialleitung gibt mit ihrer PIN frei.</translation>
    </message>
    <message>
        <source>Operations not yet at central: {unsent}; sync first, or a manager defers them with a reason.</source>
        <translation>Noch nicht in der Zentrale: {unsent} Vorgänge; zuerst synchronisieren, oder die Filialleitung stellt sie mit Grund zurück.</translation>
    </message>
    <message>
        <source>Say why the shift closes with operations still unsent.</source>
        <translation>Angeben, warum die Schicht mit noch ungesendeten Vorgängen schließt.</translation>
    </message>
    <message>
        <source>The journal is broken at {entry}, so the shift cannot close; call support with this sentence.</source>
        <translation>Das Journal ist bei {entry} beschädigt, daher kann die Schicht nicht schließen; den Support mit diesem Satz anrufen.</translation>
    </message>
    <message>
        <source>This store&apos;s details have not been downloaded yet; sync first.</source>
        <translation>Die Daten dieser Filiale sind noch nicht geladen; zuerst synchronisieren.</translation>
    </message>
    <message>
        <source>The shift&apos;s close could not be put together ({detail}).</source>
        <translation>Der Schichtabschluss ließ sich nicht zusammenstellen ({detail}).</translation>
    </message>
    <message>
        <source>Open the shift first; then staff can join it.</source>
        <translation>Zuerst die Schicht öffnen; dann können Mitarbeitende beitreten.</translation>
    </message>
    <message>
        <source>{kind!r} is not a cash movement.</source>
        <translation>{kind!r} ist keine Bargeldbewegung.</translation>
    </message>
    <message>
        <source>That is not an Aisle enrolment code. Scan the QR code from head office.</source>
        <translation>Das ist kein Aisle-Registrierungscode. Den QR-Code der Zentrale scannen.</translation>
    </message>
    <message>
        <source>The enrolment QR code is incomplete. Ask head office for a new one.</source>
        <translation>Der Registrierungs-QR-Code ist unvollständig. Bei der Zentrale einen neuen anfordern.</translation>
    </message>
    <message>
        <source>Type the address of central, for example https://central.example.com</source>
        <translation>Die Adresse der Zentrale eintippen, z. B. https://central.example.com</translation>
    </message>
    <message>
        <source>“{url}” is not a web address central can be reached at.</source>
        <translation>„{url}“ ist keine Webadresse, unter der die Zentrale erreichbar ist.</translation>
    </message>
    <message>
        <source>Type the enrolment code from head office.</source>
        <translation>Den Registrierungscode der Zentrale eintippen.</translation>
    </message>
    <message>
        <source>Cannot reach central at {url}. Check the address and the network, then try again. ({detail})</source>
        <translation>Die Zentrale unter {url} ist nicht erreichbar. Adresse und Netzwerk prüfen, dann erneut versuchen. ({detail})</translation>
    </message>
    <message>
        <source>Cannot reach central at {url}. Check the address and the network, then try again. If central runs without HTTPS on your network, type {plain} ({detail})</source>
        <translation>Die Zentrale unter {url} ist nicht erreichbar. Adresse und Netzwerk prüfen, dann erneut versuchen. Läuft die Zentrale in Ihrem Netzwerk ohne HTTPS, {plain} eintippen ({detail})</translation>
    </message>
    <message>
        <source>Not enrolled again: nothing was changed.</source>
        <translation>Nicht neu registriert: nichts wurde geändert.</translation>
    </message>
    <message>
        <source>No QR code found in that picture.</source>
        <translation>Auf diesem Bild wurde kein QR-Code gefunden.</translation>
    </message>
    <message>
        <source>Test page sent to {printer}: check that the ruler is on one line.</source>
        <translation>Testseite an {printer} gesendet: prüfen, ob das Lineal auf einer Zeile steht.</translation>
    </message>
    <message>
        <source>Terminal {poiid} answered.</source>
        <translation>Terminal {poiid} hat geantwortet.</translation>
    </message>
    <message>
        <source>Terminal {poiid} answered (messages protected).</source>
        <translation>Terminal {poiid} hat geantwortet (Nachrichten geschützt).</translation>
    </message>
    <message>
        <source>No card terminal is chosen.</source>
        <translation>Kein Kartenterminal gewählt.</translation>
    </message>
    <message>
        <source>The terminal cannot reach the card network and cannot store payments: take cash.</source>
        <translation>Das Terminal erreicht das Kartennetz nicht und kann keine Zahlungen speichern: bar kassieren.</translation>
    </message>
    <message>
        <source>The terminal is offline and this store takes no card payments offline: take cash.</source>
        <translation>Das Terminal ist offline und diese Filiale nimmt offline keine Kartenzahlungen an: bar kassieren.</translation>
    </message>
    <message>
        <source>The terminal is offline and has stored all it may ({total}) until its end-of-day reconciliation: take cash.</source>
        <translation>Das Terminal ist offline und hat bis zum Tagesabschluss alles gespeichert, was es darf ({total}): bar kassieren.</translation>
    </message>
    <message>
        <source>Offline, a card may pay at most {most}: take the rest in cash.</source>
        <translation>Offline kann eine Karte höchstens {most} zahlen: den Rest bar kassieren.</translation>
    </message>
    <message>
        <source>The terminal is offline: card payments are stored and sent later (at most {per_sale} a sale, {left} left today).</source>
        <translation>Das Terminal ist offline: Kartenzahlungen werden gespeichert und später gesendet (höchstens {per_sale} pro Verkauf, heute noch {left}).</translation>
    </message>
    <message>
        <source>Central refused this.</source>
        <translation>Die Zentrale hat das abgelehnt.</translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer, so the device token cannot be stored safely. On Linux start a Secret Service (GNOME Keyring or KWallet) in the session; `make demo` does this for you. Aisle will not store the token in a file. (An insecure keyring that could store it: {found}.)</source>
        <translation>Auf diesem Computer ist kein sicherer Schlüsselbund verfügbar, daher kann das Geräte-Token nicht sicher gespeichert werden. Unter Linux in der Sitzung einen Secret Service starten (GNOME Keyring oder KWallet); `make demo` erledigt das. Aisle speichert das Token nicht in einer Datei. (Ein unsicherer Schlüsselbund, der es speichern könnte: {found}.)</translation>
    </message>
    <message>
        <source>The keyring refused to store the {what}: {detail}</source>
        <translation>Der Schlüsselbund hat das Speichern abgelehnt ({what}): {detail}</translation>
    </message>
    <message>
        <source>The keyring could not be read: {detail}</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <source>An exchange credit comes only from a return taken back in this basket.</source>
        <translation>Ein Umtauschguthaben kommt nur aus einer Rücknahme in diesem Warenkorb.</translation>
    </message>
    <message>
        <source>A card tender must be a payment the terminal approved for this basket.</source>
        <translation>Eine Kartenzahlung muss eine Zahlung sein, die das Terminal für diesen Warenkorb freigegeben hat.</translation>
    </message>
    <message>
        <source>A store-credit or gift-card tender must be a spend taken for this basket.</source>
        <translation>Eine Zahlung mit Guthaben oder Geschenkkarte muss für diesen Warenkorb abgebucht worden sein.</translation>
    </message>
    <message>
        <source>This is not a return code or receipt of this retailer.</source>
        <translation>Das ist kein Rückgabecode und kein Beleg dieses Händlers.</translation>
    </message>
    <message>
        <source>Return {number} was already completed on this till ({time}): nothing more to refund.</source>
        <translation>Rückgabe {number} wurde an dieser Kasse bereits abgeschlossen ({time}): es ist nichts mehr zu erstatten.</translation>
    </message>
    <message>
        <source>Return {number} was already completed at central: nothing more to refund.</source>
        <translation>Rückgabe {number} wurde in der Zentrale bereits abgeschlossen: es ist nichts mehr zu erstatten.</translation>
    </message>
    <message>
        <source>Type the receipt number.</source>
        <translation>Die Bonnummer eintippen.</translation>
    </message>
    <message>
        <source>No sale with receipt {number}.</source>
        <translation>Kein Verkauf mit Bon {number}.</translation>
    </message>
    <message>
        <source>Receipt {number} is from another till and central cannot be reached: try again when online.</source>
        <translation>Bon {number} stammt von einer anderen Kasse und die Zentrale ist nicht erreichbar: wieder versuchen, sobald online.</translation>
    </message>
    <message>
        <source>Type the last 4 digits of the card.</source>
        <translation>Die letzten 4 Ziffern der Karte eintippen.</translation>
    </message>
    <message>
        <source>Returns without a receipt are not available on this till.</source>
        <translation>Rückgaben ohne Beleg sind an dieser Kasse nicht möglich.</translation>
    </message>
    <message>
        <source>Scan the item&apos;s barcode or type its SKU.</source>
        <translation>Den Barcode des Artikels scannen oder seine SKU eintippen.</translation>
    </message>
    <message>
        <source>This item is not in the catalog.</source>
        <translation>Dieser Artikel ist nicht im Sortiment.</translation>
    </message>
    <message>
        <source>This item has no price at this store: it cannot come back without a receipt.</source>
        <translation>Dieser Artikel hat in dieser Filiale keinen Preis: ohne Beleg kann er nicht zurückgenommen werden.</translation>
    </message>
    <message>
        <source>Without a receipt, choose the customer: the refund is store credit.</source>
        <translation>Ohne Beleg den Kunden wählen: die Erstattung ist Guthaben.</translation>
    </message>
    <message>
        <source>No customer matches “{customer}”.</source>
        <translation>Kein Kunde passt zu „{customer}“.</translation>
    </message>
    <message>
        <source>This card was not used for the sale: refund to the card it was paid with.</source>
        <translation>Diese Karte wurde für den Verkauf nicht benutzt: auf die Karte erstatten, mit der bezahlt wurde.</translation>
    </message>
    <message>
        <source>At most {most} can go back as cash.</source>
        <translation>Höchstens {most} können bar zurückgehen.</translation>
    </message>
    <message>
        <source>At most {most} can go back as card.</source>
        <translation>Höchstens {most} können auf die Karte zurückgehen.</translation>
    </message>
    <message>
        <source>The refund must add up to what the returned items paid.</source>
        <translation>Die Erstattung muss zusammen so viel ergeben, wie die zurückgegebenen Artikel gekostet haben.</translation>
    </message>
    <message>
        <source>Open this till&apos;s shift first: a cash refund comes out of its drawer.</source>
        <translation>Zuerst die Schicht dieser Kasse öffnen: eine Barerstattung kommt aus ihrer Kassenlade.</translation>
    </message>
    <message>
        <source>This return is already completed.</source>
        <translation>Diese Rückgabe ist bereits abgeschlossen.</translation>
    </message>
    <message>
        <source>The terminal refused the card refund.</source>
        <translation>Das Terminal hat die Kartenerstattung abgelehnt.</translation>
    </message>
    <message>
        <source>A return without a receipt needs a manager&apos;s approval.</source>
        <translation>Eine Rückgabe ohne Beleg braucht die Freigabe der Filialleitung.</translation>
    </message>
    <message>
        <source>No return {key} on this till.</source>
        <translation>An dieser Kasse gibt es keine Rückgabe {key}.</translation>
    </message>
    <message>
        <source>Return {number} has no card refund waiting.</source>
        <translation>Rückgabe {number} hat keine wartende Kartenerstattung.</translation>
    </message>
    <message>
        <source>Exchanged: {credit} of the return paid the new items.</source>
        <translation>Umgetauscht: {credit} aus der Rücknahme haben die neuen Artikel bezahlt.</translation>
    </message>
    <message>
        <source>The rest went back: {said}.</source>
        <translation>Der Rest ging zurück: {said}.</translation>
    </message>
    <message>
        <source>Exchanges are not available on this till.</source>
        <translation>Umtausch ist an dieser Kasse nicht möglich.</translation>
    </message>
    <message>
        <source>A return without a receipt is store credit only: it cannot be an exchange.</source>
        <translation>Eine Rücknahme ohne Beleg gibt nur Guthaben: Sie kann kein Umtausch sein.</translation>
    </message>
    <message>
        <source>The return was paid in {currency}: the exchange must be in the same currency.</source>
        <translation>Die Rücknahme wurde in {currency} bezahlt: Der Umtausch muss in derselben Währung sein.</translation>
    </message>
    <message>
        <source>The return&apos;s {credit} pays all of the new items: nothing more to pay.</source>
        <translation>Die {credit} aus der Rücknahme bezahlen alle neuen Artikel: Es ist nichts mehr zu zahlen.</translation>
    </message>
    <message>
        <source>This basket was already paid without this return: start the exchange again.</source>
        <translation>Dieser Warenkorb wurde schon ohne diese Rücknahme bezahlt: Den Umtausch neu beginnen.</translation>
    </message>
    <message>
        <source>Customer search is not available on this till.</source>
        <translation>Die Kundensuche ist an dieser Kasse nicht verfügbar.</translation>
    </message>
    <message>
        <source>Choose the reason the customer gives: a return at the counter needs one.</source>
        <translation>Den Grund der Kundin oder des Kunden wählen: Eine Rücknahme an der Kasse braucht einen.</translation>
    </message>
    <message>
        <source>“{reason}” is not a reason of the return policy; choose one of: {known}.</source>
        <translation>„{reason}“ ist kein Grund der Rückgaberegeln; einen davon wählen: {known}.</translation>
    </message>
    <message>
        <source>Without a receipt this customer may return {limit} in {days} days across the stores; {left} is left.</source>
        <translation>Ohne Beleg darf diese Kundin oder dieser Kunde in {days} Tagen in allen Filialen {limit} zurückgeben; {left} sind übrig.</translation>
    </message>
    <message>
        <source>Without a receipt this customer may return {limit} in {days} days; {left} is left by this till&apos;s count (central cannot be reached; it checks again).</source>
        <translation>Ohne Beleg darf diese Kundin oder dieser Kunde in {days} Tagen {limit} zurückgeben; nach dem Stand dieser Kasse sind {left} übrig (die Zentrale ist nicht erreichbar; sie prüft nach).</translation>
    </message>
    <message>
        <source>Central had a problem ({status}); will retry</source>
        <translation>Die Zentrale hatte ein Problem ({status}); neuer Versuch folgt</translation>
    </message>
    <message>
        <source>Central did not answer in time</source>
        <translation>Die Zentrale hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>Central sent an answer that cannot be decoded (bad compression)</source>
        <translation>Die Antwort der Zentrale lässt sich nicht entpacken (fehlerhafte Kompression)</translation>
    </message>
    <message>
        <source>Cannot reach central at {url} ({kind})</source>
        <translation>Zentrale unter {url} nicht erreichbar ({kind})</translation>
    </message>
    <message>
        <source>Central sent a malformed {what} ({why})</source>
        <translation>Die Zentrale hat ein fehlerhaftes {what} gesendet ({why})</translation>
    </message>
    <message>
        <source>Central sent a page that does not fit the request ({stream})</source>
        <translation>Die Zentrale hat eine Seite gesendet, die nicht zur Anfrage passt ({stream})</translation>
    </message>
    <message>
        <source>Central&apos;s answer to a push does not list the ops sent, in order</source>
        <translation>Die Antwort der Zentrale nennt die gesendeten Vorgänge nicht in ihrer Reihenfolge</translation>
    </message>
    <message>
        <source>Central&apos;s answer to a receipt e-mail is not JSON</source>
        <translation>Die Antwort der Zentrale zur Beleg-E-Mail ist kein JSON</translation>
    </message>
    <message>
        <source>Central&apos;s answer to a receipt e-mail has no message id</source>
        <translation>Die Antwort der Zentrale zur Beleg-E-Mail hat keine Nachrichten-ID</translation>
    </message>
    <message>
        <source>Central refused the request ({status})</source>
        <translation>Die Zentrale hat die Anfrage abgelehnt ({status})</translation>
    </message>
    <message>
        <source>Central sent {size} bytes; the limit is {limit}</source>
        <translation>Die Zentrale hat {size} Bytes gesendet; die Grenze ist {limit}</translation>
    </message>
    <message>
        <source>Central sent more than {limit} bytes</source>
        <translation>Die Zentrale hat mehr als {limit} Bytes gesendet</translation>
    </message>
    <message>
        <source>Connection to central broke ({kind})</source>
        <translation>Die Verbindung zur Zentrale ist abgebrochen ({kind})</translation>
    </message>
    <message>
        <source>Central sent a snapshot line longer than 1 MiB</source>
        <translation>Die Zentrale hat eine Datenzeile über 1 MiB gesendet</translation>
    </message>
    <message>
        <source>Central sent a snapshot that is not valid gzip</source>
        <translation>Die Zentrale hat Daten gesendet, die kein gültiges gzip sind</translation>
    </message>
    <message>
        <source>Connection to central broke during download ({kind})</source>
        <translation>Die Verbindung zur Zentrale ist beim Herunterladen abgebrochen ({kind})</translation>
    </message>
    <message>
        <source>Central sent live events that cannot be decoded (bad compression)</source>
        <translation>Die Live-Meldungen der Zentrale lassen sich nicht entpacken (fehlerhafte Kompression)</translation>
    </message>
    <message>
        <source>Live connection to central broke ({kind})</source>
        <translation>Die Live-Verbindung zur Zentrale ist abgebrochen ({kind})</translation>
    </message>
    <message>
        <source>Central refused this device&apos;s token ({detail}); enrol the device again.</source>
        <translation>Die Zentrale hat das Token dieses Geräts abgelehnt ({detail}); registrieren Sie das Gerät neu.</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>Synchronisierung angehalten</translation>
    </message>
    <message>
        <source>Downloading {stream}…</source>
        <translation>{stream} wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Central sent malformed {stream} data; kept the cache as it was ({detail})</source>
        <translation>Die Zentrale hat fehlerhafte Daten ({stream}) gesendet; die Daten auf dem Gerät bleiben, wie sie waren ({detail})</translation>
    </message>
    <message>
        <source>Central refused the {stream} download ({status}: {detail}); sync will try again</source>
        <translation>Die Zentrale hat das Herunterladen ({stream}) abgelehnt ({status}: {detail}); die Synchronisierung versucht es erneut</translation>
    </message>
    <message>
        <source>Central refused it ({code})</source>
        <translation>Von der Zentrale abgelehnt ({code})</translation>
    </message>
    <message>
        <source>Central could not apply it ({code})</source>
        <translation>Die Zentrale konnte es nicht übernehmen ({code})</translation>
    </message>
    <message>
        <source>this operation cannot be sent: {why}</source>
        <translation>dieser Vorgang kann nicht gesendet werden: {why}</translation>
    </message>
    <message>
        <source>not tried: an earlier operation failed</source>
        <translation>nicht versucht: ein früherer Vorgang ist gescheitert</translation>
    </message>
    <message>
        <source>A ServiceID is 1 to {most} letters or digits, not {service_id!r}.</source>
        <translation>Eine ServiceID hat 1 bis {most} Buchstaben oder Ziffern, nicht {service_id!r}.</translation>
    </message>
    <message>
        <source>The terminal CA file {path!r} cannot be read ({kind}).</source>
        <translation>Die CA-Datei des Terminals {path!r} lässt sich nicht lesen ({kind}).</translation>
    </message>
    <message>
        <source>{url!r} is not a terminal address (https://host:8443/nexo/).</source>
        <translation>{url!r} ist keine Terminaladresse (https://host:8443/nexo/).</translation>
    </message>
    <message>
        <source>The terminal answered HTTP {status} instead of a nexo message.</source>
        <translation>Das Terminal hat mit HTTP {status} statt mit einer nexo-Nachricht geantwortet.</translation>
    </message>
    <message>
        <source>Plain HTTP to a payment terminal is allowed only when set up explicitly (tests).</source>
        <translation>Unverschlüsseltes HTTP zu einem Zahlungsterminal ist nur erlaubt, wenn es ausdrücklich eingerichtet ist (Tests).</translation>
    </message>
    <message>
        <source>An HTTPS terminal needs the CA file its certificate is checked against.</source>
        <translation>Ein HTTPS-Terminal braucht die CA-Datei, gegen die sein Zertifikat geprüft wird.</translation>
    </message>
    <message>
        <source>The terminal at {url} does not answer; is it on and on this network?</source>
        <translation>Das Terminal unter {url} antwortet nicht; ist es eingeschaltet und in diesem Netz?</translation>
    </message>
    <message>
        <source>The terminal at {url} cannot be reached; is it on and on this network?</source>
        <translation>Das Terminal unter {url} ist nicht erreichbar; ist es eingeschaltet und in diesem Netz?</translation>
    </message>
    <message>
        <source>The device at this address is {names}, not terminal {poiid}.</source>
        <translation>Das Gerät unter dieser Adresse ist {names}, nicht Terminal {poiid}.</translation>
    </message>
    <message>
        <source>The terminal&apos;s certificate is not signed by the configured CA; this may not be a genuine terminal.</source>
        <translation>Das Zertifikat des Terminals ist nicht von der eingerichteten CA signiert; es ist vielleicht kein echtes Terminal.</translation>
    </message>
    <message>
        <source>{currency!r} is not an ISO 4217 currency code.</source>
        <translation>{currency!r} ist kein Währungscode nach ISO 4217.</translation>
    </message>
    <message>
        <source>The terminal sent {amount!r} as an amount.</source>
        <translation>Das Terminal hat {amount!r} als Betrag gesendet.</translation>
    </message>
    <message>
        <source>The terminal sent {amount} {currency}, which is not a whole number of minor units.</source>
        <translation>Das Terminal hat {amount} {currency} gesendet; das ist keine ganze Zahl kleinster Einheiten.</translation>
    </message>
    <message>
        <source>A terminal needs its POIID and this till&apos;s SaleID.</source>
        <translation>Ein Terminal braucht seine POIID und die SaleID dieser Kasse.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer is not a JSON object.</source>
        <translation>Die Antwort des Terminals ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The terminal answered without encryption, so the answer cannot be trusted.</source>
        <translation>Das Terminal hat unverschlüsselt geantwortet; der Antwort ist nicht zu trauen.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer was altered on the way (its headers differ).</source>
        <translation>Die Antwort des Terminals wurde unterwegs verändert (ihre Kopfdaten weichen ab).</translation>
    </message>
    <message>
        <source>A card payment needs an amount above zero.</source>
        <translation>Eine Kartenzahlung braucht einen Betrag über null.</translation>
    </message>
    <message>
        <source>A card payment needs the sale&apos;s reference.</source>
        <translation>Eine Kartenzahlung braucht die Referenz des Verkaufs.</translation>
    </message>
    <message>
        <source>The terminal could not say how the payment ended ({condition}).</source>
        <translation>Das Terminal konnte nicht sagen, wie die Zahlung endete ({condition}).</translation>
    </message>
    <message>
        <source>The terminal could not say how the payment ended (no reason given).</source>
        <translation>Das Terminal konnte nicht sagen, wie die Zahlung endete (ohne Angabe von Gründen).</translation>
    </message>
    <message>
        <source>The terminal answered the status of payment {got!r} instead of {want!r}.</source>
        <translation>Das Terminal hat den Stand der Zahlung {got!r} statt {want!r} gemeldet.</translation>
    </message>
    <message>
        <source>The terminal&apos;s status answer has no result of the payment in it.</source>
        <translation>Die Standantwort des Terminals enthält kein Ergebnis der Zahlung.</translation>
    </message>
    <message>
        <source>The terminal refused the cancel ({condition}).</source>
        <translation>Das Terminal hat den Abbruch abgelehnt ({condition}).</translation>
    </message>
    <message>
        <source>The terminal refused the cancel (no reason given).</source>
        <translation>Das Terminal hat den Abbruch abgelehnt (ohne Angabe von Gründen).</translation>
    </message>
    <message>
        <source>A refund needs an amount above zero.</source>
        <translation>Eine Erstattung braucht einen Betrag über null.</translation>
    </message>
    <message>
        <source>A refund cannot give back more than was taken on that card.</source>
        <translation>Eine Erstattung kann nicht mehr zurückgeben, als mit dieser Karte bezahlt wurde.</translation>
    </message>
    <message>
        <source>The terminal refused the day&apos;s totals ({condition}).</source>
        <translation>Das Terminal hat die Tagessummen abgelehnt ({condition}).</translation>
    </message>
    <message>
        <source>The terminal refused the day&apos;s totals (no reason given).</source>
        <translation>Das Terminal hat die Tagessummen abgelehnt (ohne Angabe von Gründen).</translation>
    </message>
    <message>
        <source>The terminal sent an empty answer.</source>
        <translation>Das Terminal hat eine leere Antwort gesendet.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer is not a nexo SaleToPOIResponse.</source>
        <translation>Die Antwort des Terminals ist keine nexo-SaleToPOIResponse.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer has no MessageHeader.</source>
        <translation>Die Antwort des Terminals hat keinen MessageHeader.</translation>
    </message>
    <message>
        <source>Terminal {got!r} answered, but this till is set up for {want!r}.</source>
        <translation>Terminal {got!r} hat geantwortet, aber diese Kasse ist für {want!r} eingerichtet.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer belongs to another request ({got_category} {got_id!r}), not to {category} {service_id!r}.</source>
        <translation>Die Antwort des Terminals gehört zu einer anderen Anfrage ({got_category} {got_id!r}), nicht zu {category} {service_id!r}.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer has no {name}.</source>
        <translation>Die Antwort des Terminals hat kein {name}.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer has no Result.</source>
        <translation>Die Antwort des Terminals hat kein Result.</translation>
    </message>
    <message>
        <source>The terminal approved without saying the amount and currency.</source>
        <translation>Das Terminal hat genehmigt, ohne Betrag und Währung zu nennen.</translation>
    </message>
    <message>
        <source>The terminal approved without a transaction id.</source>
        <translation>Das Terminal hat ohne Transaktions-ID genehmigt.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer is not valid JSON.</source>
        <translation>Die Antwort des Terminals ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>The terminal encrypts its messages but no encryption key is set up for it on this till.</source>
        <translation>Das Terminal verschlüsselt seine Nachrichten, aber an dieser Kasse ist kein Schlüssel dafür eingerichtet.</translation>
    </message>
    <message>
        <source>The terminal could not read the till&apos;s message: the encryption key or passphrase does not match the terminal&apos;s.</source>
        <translation>Das Terminal konnte die Nachricht der Kasse nicht lesen: Schlüssel oder Passphrase stimmen nicht mit denen des Terminals überein.</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer failed the encryption check — is the passphrase right? ({why})</source>
        <translation>Die Antwort des Terminals hat die Verschlüsselungsprüfung nicht bestanden — stimmt die Passphrase? ({why})</translation>
    </message>
    <message>
        <source>The terminal is busy and cannot say how the payment ended yet; try again.</source>
        <translation>Das Terminal ist beschäftigt und kann noch nicht sagen, wie die Zahlung endete; noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The terminal did not confirm the cancel ({why}); check the terminal.</source>
        <translation>Das Terminal hat den Abbruch nicht bestätigt ({why}); am Terminal nachsehen.</translation>
    </message>
    <message>
        <source>The terminal did not send its totals ({why}); try again.</source>
        <translation>Das Terminal hat seine Summen nicht gesendet ({why}); noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The terminal is busy; fetch the day&apos;s totals again in a moment.</source>
        <translation>Das Terminal ist beschäftigt; die Tagessummen gleich noch einmal abrufen.</translation>
    </message>
    <message>
        <source>The terminal&apos;s totals name no currency.</source>
        <translation>Die Summen des Terminals nennen keine Währung.</translation>
    </message>
    <message>
        <source>The terminal approved in {currency}, but the till asked for {want}.</source>
        <translation>Das Terminal hat in {currency} genehmigt, die Kasse hat aber {want} verlangt.</translation>
    </message>
    <message>
        <source>The terminal approved {amount} {currency}, but the till asked for {want} {currency}.</source>
        <translation>Das Terminal hat {amount} {currency} genehmigt, die Kasse hat aber {want} {currency} verlangt.</translation>
    </message>
    <message>
        <source>The terminal is busy; try the refund again in a moment.</source>
        <translation>Das Terminal ist beschäftigt; die Erstattung gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The terminal refunded {amount} {currency}, but the till asked for {want} {currency}.</source>
        <translation>Das Terminal hat {amount} {currency} erstattet, die Kasse hat aber {want} {currency} verlangt.</translation>
    </message>
    <message>
        <source>The terminal&apos;s totals have a count that is not a number.</source>
        <translation>Die Summen des Terminals enthalten eine Anzahl, die keine Zahl ist.</translation>
    </message>
    <message>
        <source>The terminal is busy with another payment; wait for it to finish and try again.</source>
        <translation>Das Terminal ist mit einer anderen Zahlung beschäftigt; warten, bis sie fertig ist, und noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The terminal could not read the till&apos;s request.</source>
        <translation>Das Terminal konnte die Anfrage der Kasse nicht lesen.</translation>
    </message>
    <message>
        <source>The terminal has already seen request {service_id!r}; nothing was charged by this one.</source>
        <translation>Das Terminal kennt die Anfrage {service_id!r} schon; mit dieser wurde nichts abgebucht.</translation>
    </message>
    <message>
        <source>The terminal did not answer in time.</source>
        <translation>Das Terminal hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The connection to the terminal closed before its answer came.</source>
        <translation>Die Verbindung zum Terminal wurde getrennt, bevor seine Antwort kam.</translation>
    </message>
    <message>
        <source>The connection to the terminal failed while the request was being sent.</source>
        <translation>Die Verbindung zum Terminal ist beim Senden der Anfrage gescheitert.</translation>
    </message>
    <message>
        <source>The terminal could not read the till&apos;s message: the encryption key or passphrase does not match.</source>
        <translation>Das Terminal konnte die Nachricht der Kasse nicht lesen: Schlüssel oder Passphrase stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Stock correction {delta} of {sku} ({reason})</source>
        <translation>Bestandskorrektur {delta} für {sku} ({reason})</translation>
    </message>
    <message>
        <source>Sale {receipt}</source>
        <translation>Verkauf {receipt}</translation>
    </message>
    <message>
        <source>Journal entries {first}–{last} for central</source>
        <translation>Journaleinträge {first}–{last} für die Zentrale</translation>
    </message>
    <message>
        <source>New customer {name}</source>
        <translation>Neuer Kunde {name}</translation>
    </message>
    <message>
        <source>Order to ship 1 item for customer {customer}</source>
        <translation>Versandauftrag über 1 Artikel für Kunde {customer}</translation>
    </message>
    <message>
        <source>Order to ship {count} items for customer {customer}</source>
        <translation>Versandauftrag über {count} Artikel für Kunde {customer}</translation>
    </message>
    <message>
        <source>Decision of shipment {shipment}</source>
        <translation>Entscheidung zur Sendung {shipment}</translation>
    </message>
    <message>
        <source>Refund of shipment {shipment}</source>
        <translation>Erstattung der Sendung {shipment}</translation>
    </message>
    <message>
        <source>Shipping of shipment {shipment}</source>
        <translation>Versand der Sendung {shipment}</translation>
    </message>
    <message>
        <source>Refund of refused order {order}</source>
        <translation>Erstattung des abgelehnten Auftrags {order}</translation>
    </message>
    <message>
        <source>Picking of pickup order {order}</source>
        <translation>Kommissionierung der Abholbestellung {order}</translation>
    </message>
    <message>
        <source>Pickup order {order} ready</source>
        <translation>Abholbestellung {order} bereit</translation>
    </message>
    <message>
        <source>Handover of pickup order {order}</source>
        <translation>Übergabe der Abholbestellung {order}</translation>
    </message>
    <message>
        <source>Restocking of pickup order {order}</source>
        <translation>Rücklagerung der Abholbestellung {order}</translation>
    </message>
    <message>
        <source>Check-in for pickup order {order}</source>
        <translation>Ankunft zur Abholbestellung {order}</translation>
    </message>
    <message>
        <source>Return of 1 item ({kind})</source>
        <translation>Rückgabe von 1 Artikel ({kind})</translation>
    </message>
    <message>
        <source>Return of {count} items ({kind})</source>
        <translation>Rückgabe von {count} Artikeln ({kind})</translation>
    </message>
    <message>
        <source>Queued card refund of return {number} made</source>
        <translation>Meldung: Kartenerstattung der Rückgabe {number} erfolgt</translation>
    </message>
    <message>
        <source>Z report {number} of till {till}</source>
        <translation>Z-Bericht {number} der Kasse {till}</translation>
    </message>
    <message>
        <source>Load of gift card {card}</source>
        <translation>Aufladung der Geschenkkarte {card}</translation>
    </message>
    <message>
        <source>Void of a load of gift card {card}</source>
        <translation>Storno einer Aufladung der Geschenkkarte {card}</translation>
    </message>
    <message>
        <source>The {stream} download stopped early; it will resume</source>
        <translation>Das Herunterladen ({stream}) hat vorzeitig aufgehört; es geht an derselben Stelle weiter</translation>
    </message>
    <message>
        <source>The {stream} download lost rows ({received} of {rows}); starting over</source>
        <translation>Beim Herunterladen ({stream}) fehlen Zeilen ({received} von {rows}); es beginnt von vorn</translation>
    </message>
    <message>
        <source>The {stream} download did not match central&apos;s checksum; starting over</source>
        <translation>Das Heruntergeladene ({stream}) stimmt nicht mit der Prüfsumme der Zentrale überein; es beginnt von vorn</translation>
    </message>
    <message>
        <source>Central sent a malformed {stream} snapshot row; download stopped ({detail})</source>
        <translation>Die Zentrale hat eine fehlerhafte Zeile ({stream}) gesendet; das Herunterladen wurde angehalten ({detail})</translation>
    </message>
    <message>
        <source>Central sent a malformed {stream} snapshot (one row per line expected)</source>
        <translation>Die Zentrale hat fehlerhafte Daten ({stream}) gesendet (eine Zeile je Datensatz erwartet)</translation>
    </message>
    <message>
        <source>Central sent a {stream} snapshot without a valid header</source>
        <translation>Die Daten der Zentrale ({stream}) haben keinen gültigen Kopf</translation>
    </message>
    <message>
        <source>Central&apos;s {stream} snapshot has other columns than this app knows</source>
        <translation>Die Daten der Zentrale ({stream}) haben andere Spalten, als diese App kennt</translation>
    </message>
    <message>
        <source>Central&apos;s {stream} snapshot ended with a malformed trailer</source>
        <translation>Die Daten der Zentrale ({stream}) enden mit einem fehlerhaften Abschluss</translation>
    </message>
    <message>
        <source>The {stream} data on this device is an older copy; a new one is downloading and replaces it when complete</source>
        <translation>Die Daten ({stream}) auf diesem Gerät sind ein älterer Stand; ein neuer wird heruntergeladen und ersetzt ihn, sobald er vollständig ist</translation>
    </message>
    <message>
        <source>The {stream} cache differed from central ({here} rows here, {there} there); it was downloaded again</source>
        <translation>Die Daten ({stream}) wichen von der Zentrale ab ({here} Zeilen hier, {there} dort); sie wurden neu heruntergeladen</translation>
    </message>
    <message>
        <source>Sync hit an unexpected problem ({kind}); it will retry</source>
        <translation>Bei der Synchronisierung ist ein unerwartetes Problem aufgetreten ({kind}); neuer Versuch folgt</translation>
    </message>
    <message>
        <source>Sync hit an unexpected problem</source>
        <translation>Bei der Synchronisierung ist ein unerwartetes Problem aufgetreten</translation>
    </message>
    <message>
        <source>with receipt</source>
        <translation>mit Beleg</translation>
    </message>
    <message>
        <source>without receipt</source>
        <translation>ohne Beleg</translation>
    </message>
    <message>
        <source>started online</source>
        <translation>online begonnen</translation>
    </message>
    <message>
        <source>stores</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>tax rates</source>
        <translation>Steuersätze</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>role limits</source>
        <translation>Grenzen je Rolle</translation>
    </message>
    <message>
        <source>card limits</source>
        <translation>Kartengrenzen</translation>
    </message>
    <message>
        <source>points rules</source>
        <translation>Punkteregeln</translation>
    </message>
    <message>
        <source>loyalty tiers</source>
        <translation>Kundenstufen</translation>
    </message>
    <message>
        <source>spending limits</source>
        <translation>Ausgabegrenzen</translation>
    </message>
    <message>
        <source>shift rules</source>
        <translation>Schichtregeln</translation>
    </message>
    <message>
        <source>central&apos;s keys</source>
        <translation>Schlüssel der Zentrale</translation>
    </message>
    <message>
        <source>pickups</source>
        <translation>Abholungen</translation>
    </message>
    <message>
        <source>customer balances</source>
        <translation>Kundenguthaben</translation>
    </message>
    <message>
        <source>promotions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>product names</source>
        <translation>Produktnamen</translation>
    </message>
    <message>
        <source>catalog</source>
        <translation>Sortiment</translation>
    </message>
    <message>
        <source>prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>delivery options</source>
        <translation>Versandarten</translation>
    </message>
    <message>
        <source>delivery orders</source>
        <translation>Versandaufträge</translation>
    </message>
    <message>
        <source>return policy</source>
        <translation>Rückgaberegeln</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <source>{0} seconds</source>
        <translation>{0} Sekunden</translation>
    </message>
    <message>
        <source>{0} minutes</source>
        <translation>{0} Minuten</translation>
    </message>
    <message>
        <source>associate</source>
        <translation>Mitarbeitenden</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>Schichtleitung</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>Filialleitung</translation>
    </message>
    <message>
        <source>device token</source>
        <translation>Geräte-Token</translation>
    </message>
    <message>
        <source>PIN key</source>
        <translation>PIN-Schlüssel</translation>
    </message>
    <message>
        <source>terminal passphrase</source>
        <translation>Terminal-Passphrase</translation>
    </message>
    <message>
        <source>{0} (more pieces)</source>
        <translation>{0} (mehr Stück)</translation>
    </message>
    <message>
        <source>{0} (fewer pieces)</source>
        <translation>{0} (weniger Stück)</translation>
    </message>
</context>
<context>
    <name>NoReceiptSheet</name>
    <message>
        <source>Return without a receipt</source>
        <translation>Rückgabe ohne Bon</translation>
    </message>
    <message>
        <source>Refunded as store credit to the customer, with a manager&apos;s approval.</source>
        <translation>Erstattung als Guthaben des Kunden, mit Freigabe der Filialleitung.</translation>
    </message>
    <message>
        <source>Item: scan or type its barcode or SKU</source>
        <translation>Artikel: Barcode oder SKU scannen/eingeben</translation>
    </message>
    <message>
        <source>Customer: phone, e-mail or name</source>
        <translation>Kunde: Telefon, E-Mail oder Name</translation>
    </message>
    <message>
        <source>A manager approves: tap your name, then type your PIN.</source>
        <translation>Die Filialleitung gibt frei: Namen antippen, dann PIN eingeben.</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>PIN der Filialleitung</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Ask a manager</source>
        <translation>Filialleitung fragen</translation>
    </message>
    <message>
        <source>Tap the customer&apos;s reason.</source>
        <translation>Tippen Sie den Grund des Kunden an.</translation>
    </message>
    <message>
        <source>{left} of {limit} left without a receipt in 30 days (all stores)</source>
        <translation>Ohne Bon noch {left} von {limit} in 30 Tagen (alle Filialen)</translation>
    </message>
    <message>
        <source>{left} of {limit} left without a receipt in 30 days (this till&apos;s count: offline)</source>
        <translation>Ohne Bon noch {left} von {limit} in 30 Tagen (Zählung dieser Kasse: offline)</translation>
    </message>
    <message>
        <source>{item} · {amount} as store credit to {who}</source>
        <translation>{item} · {amount} als Guthaben für {who}</translation>
    </message>
</context>
<context>
    <name>NumberPad</name>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>OrderRow</name>
    <message>
        <source>Central: {0}</source>
        <translation>Zentrale: {0}</translation>
    </message>
</context>
<context>
    <name>OrdersButton</name>
    <message>
        <source>Orders: deliveries sold here, to decide, ship or refund</source>
        <translation>Aufträge: hier verkaufte Lieferungen entscheiden, versenden, erstatten</translation>
    </message>
    <message>
        <source>Orders {0}</source>
        <translation>Versand {0}</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Versand</translation>
    </message>
    <message>
        <source>Orders: {0} need you</source>
        <translation>Aufträge: {0} offen</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ Suche</translation>
    </message>
    <message>
        <source>Orders to deliver</source>
        <translation>Lieferaufträge</translation>
    </message>
    <message>
        <source>‹ Orders</source>
        <translation>‹ Aufträge</translation>
    </message>
    <message>
        <source>Mark shipped</source>
        <translation>Als versandt</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>Hier ist nichts.</translation>
    </message>
    <message>
        <source>not numbered yet</source>
        <translation>noch ohne Nummer</translation>
    </message>
    <message>
        <source>Order {0} · {1}</source>
        <translation>Auftrag {0} · {1}</translation>
    </message>
    <message>
        <source>Paid with receipt {0}</source>
        <translation>Bezahlt mit Bon {0}</translation>
    </message>
    <message>
        <source>Central: {0}</source>
        <translation>Zentrale: {0}</translation>
    </message>
    <message>
        <source>Not sent to central yet: it goes with the next sync.</source>
        <translation>Noch nicht an die Zentrale gesendet: geht mit der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Central has not confirmed this order yet (offline?): it finds the stock once it does.</source>
        <translation>Die Zentrale hat die Bestellung noch nicht bestätigt (offline?): danach sucht sie den Bestand.</translation>
    </message>
    <message>
        <source>Shipped with {0}, tracking {1}</source>
        <translation>Versandt mit {0}, Sendungsnr. {1}</translation>
    </message>
    <message>
        <source>No location had the stock. What now?</source>
        <translation>Kein Standort hatte Bestand. Was nun?</translation>
    </message>
    <message>
        <source>Ship from {0} ({1} by this till&apos;s figures)</source>
        <translation>Ab {0} versenden ({1} laut dieser Kasse)</translation>
    </message>
    <message>
        <source>No other location shows stock on this till either.</source>
        <translation>Auch auf dieser Kasse zeigt kein anderer Standort Bestand.</translation>
    </message>
    <message>
        <source>Wait for stock (central tries again)</source>
        <translation>Auf Bestand warten (Zentrale versucht es erneut)</translation>
    </message>
    <message>
        <source>Cancel and refund the customer</source>
        <translation>Stornieren und erstatten</translation>
    </message>
    <message>
        <source>Owed to the customer: {0}</source>
        <translation>Dem Kunden geschuldet: {0}</translation>
    </message>
    <message>
        <source>Refund {0} in cash</source>
        <translation>{0} bar erstatten</translation>
    </message>
    <message>
        <source>Refund {0} to the card</source>
        <translation>{0} auf die Karte erstatten</translation>
    </message>
    <message>
        <source>This store ships it: carrier and tracking number</source>
        <translation>Diese Filiale versendet: Versanddienst und Sendungsnummer</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>Sendungsnummer</translation>
    </message>
    <message>
        <source>Sent: central ships it from there.</source>
        <translation>Gesendet: die Zentrale versendet von dort.</translation>
    </message>
    <message>
        <source>Sent: central tries again when stock comes in.</source>
        <translation>Gesendet: die Zentrale versucht es bei Wareneingang erneut.</translation>
    </message>
    <message>
        <source>Cancelled: the refund shows here once central confirms it.</source>
        <translation>Storniert: die Erstattung erscheint hier, sobald die Zentrale bestätigt.</translation>
    </message>
    <message>
        <source>Give the customer {0} from the drawer.</source>
        <translation>Geben Sie dem Kunden {0} aus der Kassenlade.</translation>
    </message>
    <message>
        <source>{0} went back to the card.</source>
        <translation>{0} wurde auf die Karte erstattet.</translation>
    </message>
    <message>
        <source>Choose the carrier the parcel left with.</source>
        <translation>Wählen Sie den Versanddienst des Pakets.</translation>
    </message>
    <message>
        <source>Shipped: central e-mails the customer the tracking link.</source>
        <translation>Versandt: die Zentrale mailt dem Kunden den Sendungslink.</translation>
    </message>
</context>
<context>
    <name>ParkedSheet</name>
    <message>
        <source>Parked baskets</source>
        <translation>Geparkte Warenkörbe</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>No basket is parked on this device.</source>
        <translation>Auf diesem Gerät ist kein Warenkorb geparkt.</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 Artikel</translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation>{0} Artikel</translation>
    </message>
    <message>
        <source>{when} · {what} · {total} — Resume</source>
        <translation>{when} · {what} · {total} — Fortsetzen</translation>
    </message>
</context>
<context>
    <name>PickupRow</name>
    <message>
        <source>● Customer waiting at the counter</source>
        <translation>● Kunde wartet an der Kasse</translation>
    </message>
    <message>
        <source> from shelf {0}</source>
        <translation> aus Regal {0}</translation>
    </message>
    <message>
        <source>⟲ Put the bag back on the sales floor{0}</source>
        <translation>⟲ Ware zurück auf die Fläche{0}</translation>
    </message>
    <message>
        <source>Central: {0}</source>
        <translation>Zentrale: {0}</translation>
    </message>
</context>
<context>
    <name>PickupView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ Suche</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>Abholungen</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>Bestellnr.</translation>
    </message>
    <message>
        <source>Customer&apos;s name</source>
        <translation>Name des Kunden</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Finden</translation>
    </message>
    <message>
        <source>Shelf or bin</source>
        <translation>Regal oder Fach</translation>
    </message>
    <message>
        <source>e.g. B-3</source>
        <translation>z. B. B-3</translation>
    </message>
    <message>
        <source>‹ Queue</source>
        <translation>‹ Liste</translation>
    </message>
    <message>
        <source>Save, finish later</source>
        <translation>Speichern, später fertig</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>The bag is on its shelf: central e-mails the customer their pickup code</source>
        <translation>Die Tüte liegt im Regal: die Zentrale mailt dem Kunden den Abholcode</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <source>Print the bag label on this till&apos;s printer: number, name, shelf, QR</source>
        <translation>Tütenetikett auf dem Drucker dieser Kasse drucken: Nummer, Name, Regal, QR</translation>
    </message>
    <message>
        <source>Back on the shelf</source>
        <translation>Zurück im Regal</translation>
    </message>
    <message>
        <source>The expired bag&apos;s items are back on the sales floor: central frees them</source>
        <translation>Die Ware der abgelaufenen Tüte ist zurück auf der Fläche: die Zentrale gibt sie frei</translation>
    </message>
    <message>
        <source>ID checked</source>
        <translation>Ausweis geprüft</translation>
    </message>
    <message>
        <source>Found by number and name: look at the customer&apos;s ID first</source>
        <translation>Über Nummer und Name gefunden: zuerst den Ausweis prüfen</translation>
    </message>
    <message>
        <source>Someone else collects</source>
        <translation>Jemand anderes holt ab</translation>
    </message>
    <message>
        <source>Name of the person collecting</source>
        <translation>Name der abholenden Person</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <source>Print the bag label again (a lost or torn one)</source>
        <translation>Tütenetikett erneut drucken (verloren oder zerrissen)</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Back to looking up products</source>
        <translation>Zurück zur Artikelsuche</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>Picken</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Abgeholt</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Expired · cancelled</source>
        <translation>Abgelaufen · storniert</translation>
    </message>
    <message>
        <source>No new pickup orders.</source>
        <translation>Keine neuen Abholbestellungen.</translation>
    </message>
    <message>
        <source>No order is being picked.</source>
        <translation>Keine Bestellung wird gepickt.</translation>
    </message>
    <message>
        <source>No order waits on the shelf.</source>
        <translation>Keine Bestellung wartet im Regal.</translation>
    </message>
    <message>
        <source>Nothing collected yet.</source>
        <translation>Noch nichts abgeholt.</translation>
    </message>
    <message>
        <source>No expired or cancelled orders.</source>
        <translation>Keine abgelaufenen oder stornierten Bestellungen.</translation>
    </message>
    <message>
        <source>Found by number and name: check the customer&apos;s ID, then tap “ID checked”.</source>
        <translation>Über Nummer und Name gefunden: Ausweis prüfen, dann „Ausweis geprüft“ antippen.</translation>
    </message>
    <message>
        <source>Order {0}</source>
        <translation>Bestellung {0}</translation>
    </message>
    <message>
        <source>ordered just now</source>
        <translation>gerade bestellt</translation>
    </message>
    <message>
        <source>ordered {0} ago</source>
        <translation>vor {0} bestellt</translation>
    </message>
    <message>
        <source>pay on pickup</source>
        <translation>Zahlung bei Abholung</translation>
    </message>
    <message>
        <source>paid online</source>
        <translation>online bezahlt</translation>
    </message>
    <message>
        <source>Not collected in time. Put the bag&apos;s items back on the sales floor{0}, then tap “Back on the shelf”.</source>
        <translation>Nicht rechtzeitig abgeholt. Ware der Tüte zurück auf die Fläche{0}, dann „Zurück im Regal“ antippen.</translation>
    </message>
    <message>
        <source> (shelf {0})</source>
        <translation> (Regal {0})</translation>
    </message>
    <message>
        <source>Back on the shelf; central freed its stock.</source>
        <translation>Zurück im Regal; die Zentrale hat den Bestand freigegeben.</translation>
    </message>
    <message>
        <source>Collected by {who} on {till}.</source>
        <translation>Abgeholt von {who} an {till}.</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>dem Kunden</translation>
    </message>
    <message>
        <source>Central: {0}</source>
        <translation>Zentrale: {0}</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Abholung</translation>
    </message>
    <message>
        <source>Scan each item as it goes into the bag.</source>
        <translation>Scannen Sie jeden Artikel beim Einpacken.</translation>
    </message>
    <message>
        <source>Missing {0}</source>
        <translation>Fehlt {0}</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>Not on the shelf: the units not scanned are missing</source>
        <translation>Nicht im Regal: nicht gescannte Stück fehlen</translation>
    </message>
    <message>
        <source>{0} collected</source>
        <translation>{0} eingesammelt</translation>
    </message>
    <message>
        <source>Open an order to pick first, then scan its items.</source>
        <translation>Öffnen Sie zuerst eine Bestellung, dann scannen Sie ihre Artikel.</translation>
    </message>
    <message>
        <source>✓ {name}: {got} of {qty}</source>
        <translation>✓ {name}: {got} von {qty}</translation>
    </message>
    <message>
        <source>Type the shelf or bin the bag goes to, then tap Ready.</source>
        <translation>Regal oder Fach der Tüte eingeben, dann „Bereit“ antippen.</translation>
    </message>
    <message>
        <source>Order {0} is ready on shelf {1}: central e-mails the customer their pickup code.</source>
        <translation>Bestellung {0} liegt bereit in Regal {1}: die Zentrale mailt dem Kunden den Abholcode.</translation>
    </message>
    <message>
        <source>Order {0} saved on shelf {1}; finish picking later.</source>
        <translation>Bestellung {0} in Regal {1} gespeichert; später fertig picken.</translation>
    </message>
    <message>
        <source>Bag label for order {0} printed.</source>
        <translation>Tütenetikett für Bestellung {0} gedruckt.</translation>
    </message>
    <message>
        <source>The bag label for order {0} waits for the printer ({1}); it prints when the printer is back.</source>
        <translation>Das Tütenetikett für Bestellung {0} wartet auf den Drucker ({1}); es druckt, sobald er wieder da ist.</translation>
    </message>
    <message>
        <source>Order {0} is back on the shelf: central frees its stock.</source>
        <translation>Bestellung {0} ist zurück im Regal: die Zentrale gibt den Bestand frei.</translation>
    </message>
    <message>
        <source>✓ Genuine pickup code for this store</source>
        <translation>✓ Echter Abholcode für diese Filiale</translation>
    </message>
    <message>
        <source>, valid until {0}</source>
        <translation>, gültig bis {0}</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Pickup code refused</source>
        <translation>Abholcode abgelehnt</translation>
    </message>
    <message>
        <source>‹ Queue — find by number and name</source>
        <translation>‹ Liste — nach Nummer und Name</translation>
    </message>
    <message>
        <source>On shelf {0}</source>
        <translation>Regal {0}</translation>
    </message>
    <message>
        <source>Shelf not recorded</source>
        <translation>Regal nicht erfasst</translation>
    </message>
    <message>
        <source>Pay on pickup: {0}. “Take payment” rings the items up on the sell screen; the bag is handed over when the sale is paid (cash, card or both).</source>
        <translation>Zahlung bei Abholung: {0}. „Kassieren“ bucht die Artikel im Verkauf; die Tüte wird übergeben, sobald bezahlt ist (bar, Karte oder beides).</translation>
    </message>
    <message>
        <source>Tap to keep this line back (the customer takes the rest)</source>
        <translation>Antippen, um die Position zurückzuhalten (Rest wird mitgenommen)</translation>
    </message>
    <message>
        <source>Missing (not in the bag): {0}</source>
        <translation>Fehlt (nicht in der Tüte): {0}</translation>
    </message>
    <message>
        <source>Kept back: {0} × {1}</source>
        <translation>Zurückbehalten: {0} × {1}</translation>
    </message>
    <message>
        <source>Pay {0}</source>
        <translation>Bezahlen {0}</translation>
    </message>
    <message>
        <source>Take payment {0}</source>
        <translation>Kassieren {0}</translation>
    </message>
    <message>
        <source>Handed over: order {0} to {1}.</source>
        <translation>Übergeben: Bestellung {0} an {1}.</translation>
    </message>
    <message>
        <source>Paid and handed over: order {0} to {1} (receipt {2}).</source>
        <translation>Bezahlt und übergeben: Bestellung {0} an {1} (Bon {2}).</translation>
    </message>
    <message>
        <source>Type the order number and the customer&apos;s name.</source>
        <translation>Geben Sie Bestellnummer und Namen des Kunden ein.</translation>
    </message>
</context>
<context>
    <name>Pickups</name>
    <message>
        <source>Customer waiting for order {0} at the counter</source>
        <translation>Kunde wartet an der Theke auf Bestellung {0}</translation>
    </message>
    <message>
        <source> (+{0} more)</source>
        <translation> (+{0} weitere)</translation>
    </message>
</context>
<context>
    <name>PickupsButton</name>
    <message>
        <source>Pickups: click-and-collect orders to pick and hand over</source>
        <translation>Abholungen: Click &amp; Collect picken und übergeben</translation>
    </message>
    <message>
        <source>Pickups {0}</source>
        <translation>Abholen {0}</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>Abholen</translation>
    </message>
    <message>
        <source>Pickups: {0} waiting</source>
        <translation>Abholungen: {0} warten</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Letzte Ziffer löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>Sending to central</source>
        <translation>Senden an die Zentrale</translation>
    </message>
    <message>
        <source>Problems talking to central</source>
        <translation>Probleme mit der Zentrale</translation>
    </message>
    <message>
        <source>Waiting to send, and rejected by central</source>
        <translation>Wartet auf Senden oder von der Zentrale abgelehnt</translation>
    </message>
    <message>
        <source>This device&apos;s data</source>
        <translation>Daten dieses Geräts</translation>
    </message>
    <message>
        <source>Downloads the catalog, prices and stock again. What waits to be sent goes first; the data here stays usable until the new copy is complete.</source>
        <translation>Lädt Sortiment, Preise und Bestand neu. Wartendes wird zuerst gesendet; die Daten hier bleiben nutzbar, bis die neue Kopie vollständig ist.</translation>
    </message>
    <message>
        <source>A manager approves.</source>
        <translation>Die Filialleitung gibt frei.</translation>
    </message>
    <message>
        <source>Download everything again</source>
        <translation>Alles neu laden</translation>
    </message>
    <message>
        <source>Send selected again</source>
        <translation>Auswahl erneut senden</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>hängt</translation>
    </message>
    <message>
        <source>Nothing waiting: everything was sent.</source>
        <translation>Nichts wartet: alles wurde gesendet.</translation>
    </message>
    <message>
        <source>Tap a rejected or stuck operation first.</source>
        <translation>Tippen Sie zuerst einen abgelehnten oder hängenden Vorgang an.</translation>
    </message>
    <message>
        <source>Downloading everything again needs a manager. Tap your name, then type your PIN.</source>
        <translation>Alles neu laden braucht die Filialleitung. Namen antippen, dann PIN eingeben.</translation>
    </message>
</context>
<context>
    <name>ReasonRow</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Found more</source>
        <translation>Mehr gefunden</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Beschädigt</translation>
    </message>
    <message>
        <source>Missing / theft</source>
        <translation>Fehlt / Diebstahl</translation>
    </message>
    <message>
        <source>Count was wrong</source>
        <translation>Falsch gezählt</translation>
    </message>
    <message>
        <source>Other (say why)</source>
        <translation>Sonstiges (Grund angeben)</translation>
    </message>
</context>
<context>
    <name>ResultDelegate</name>
    <message>
        <source>{0} here</source>
        <translation>{0} hier</translation>
    </message>
    <message>
        <source>not stocked</source>
        <translation>nicht geführt</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <source>Resellable</source>
        <translation>Verkaufbar</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Beschädigt</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>Falscher Artikel</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>gift card</source>
        <translation>Geschenkkarte</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ Suche</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Rückgabe</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s return code or receipt, or type the receipt number, the card&apos;s last 4 digits (this till&apos;s card sales) or the customer&apos;s phone, e-mail or name.</source>
        <translation>Den Rückgabecode oder Beleg der Kundin oder des Kunden scannen, oder die Belegnummer, die letzten 4 Ziffern der Karte (Kartenverkäufe dieser Kasse) oder Telefon, E-Mail oder Namen eingeben.</translation>
    </message>
    <message>
        <source>Receipt, last 4 digits, customer</source>
        <translation>Beleg, letzte 4 Ziffern, Kunde</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Finden</translation>
    </message>
    <message>
        <source>No receipt…</source>
        <translation>Ohne Bon…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>All resellable</source>
        <translation>Alle verkaufbar</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstatten</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Umtausch</translation>
    </message>
    <message>
        <source>The credit pays new items on the sell screen</source>
        <translation>Die Gutschrift bezahlt neue Artikel an der Kasse</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>No card sale of this till ends in these digits.</source>
        <translation>Kein Kartenverkauf dieser Kasse endet auf diese Ziffern.</translation>
    </message>
    <message>
        <source>No customer found: try their phone number or e-mail.</source>
        <translation>Kein Kunde gefunden: mit Telefonnummer oder E-Mail versuchen.</translation>
    </message>
    <message>
        <source>No sales on this customer&apos;s account.</source>
        <translation>Auf diesem Kundenkonto gibt es keine Verkäufe.</translation>
    </message>
    <message>
        <source>Return {n}</source>
        <translation>Rückgabe {n}</translation>
    </message>
    <message>
        <source>Receipt {n}</source>
        <translation>Bon {n}</translation>
    </message>
    <message>
        <source>receipt {r}</source>
        <translation>Bon {r}</translation>
    </message>
    <message>
        <source>checked offline</source>
        <translation>offline geprüft</translation>
    </message>
    <message>
        <source>Tap the customer&apos;s reason.</source>
        <translation>Tippen Sie den Grund des Kunden an.</translation>
    </message>
    <message>
        <source>Grade each line to see the refund.</source>
        <translation>Bewerten Sie jede Position, um die Erstattung zu sehen.</translation>
    </message>
    <message>
        <source>Nothing is taken back: a wrong item is handed back to the customer.</source>
        <translation>Keine Rücknahme: ein falscher Artikel geht an den Kunden zurück.</translation>
    </message>
    <message>
        <source>Back as paid: {parts}</source>
        <translation>Erstattung wie bezahlt: {parts}</translation>
    </message>
    <message>
        <source>Refund {amount}</source>
        <translation>{amount} erstatten</translation>
    </message>
    <message>
        <source>Refunding… (a card refund waits for the terminal)</source>
        <translation>Erstattung läuft… (Kartenerstattung wartet auf das Terminal)</translation>
    </message>
    <message>
        <source>The card refund is queued: tell the customer it reaches their card once the terminal takes it.</source>
        <translation>Die Kartenerstattung ist vorgemerkt: sagen Sie dem Kunden, sie kommt auf die Karte, sobald das Terminal sie annimmt.</translation>
    </message>
    <message>
        <source>{n} back on the shelf</source>
        <translation>{n} zurück ins Regal</translation>
    </message>
    <message>
        <source>{n} to quarantine</source>
        <translation>{n} in Quarantäne</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Associate</source>
        <translation>Mitarbeiter/in</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Schichtleitung</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Filialleitung</translation>
    </message>
</context>
<context>
    <name>SellView</name>
    <message>
        <source>Card — no card terminal set up on this till</source>
        <translation>Karte – kein Terminal</translation>
    </message>
    <message>
        <source>‹ Look up</source>
        <translation>‹ Suche</translation>
    </message>
    <message>
        <source>Scan, or search to add</source>
        <translation>Scannen oder suchen</translation>
    </message>
    <message>
        <source>Scan an item, or search for it.</source>
        <translation>Artikel scannen oder suchen.</translation>
    </message>
    <message>
        <source>Basket</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>Parken</translation>
    </message>
    <message>
        <source>Put this basket aside and start another</source>
        <translation>Warenkorb beiseitelegen und neuen beginnen</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Geparkt</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>A discount on the whole basket</source>
        <translation>Rabatt auf den ganzen Warenkorb</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Cancel exchange</source>
        <translation>Umtausch abbrechen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>The basket is empty. Scan an item to start a sale.</source>
        <translation>Der Warenkorb ist leer. Scannen Sie einen Artikel.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <source>Pay (F12)</source>
        <translation>Bezahlen (F12)</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Finish this payment first, or go back to the basket to add items.</source>
        <translation>Schließen Sie zuerst diese Zahlung ab oder gehen Sie zurück zum Warenkorb.</translation>
    </message>
    <message>
        <source>Complete exchange</source>
        <translation>Umtausch abschließen</translation>
    </message>
    <message>
        <source>Basket · 1 item</source>
        <translation>Warenkorb · 1 Artikel</translation>
    </message>
    <message>
        <source>Basket · {0} items</source>
        <translation>Warenkorb · {0} Artikel</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 Artikel</translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation>{0} Artikel</translation>
    </message>
    <message>
        <source>saved {0}</source>
        <translation>{0} gespart</translation>
    </message>
    <message>
        <source>incl. tax {0}</source>
        <translation>inkl. MwSt. {0}</translation>
    </message>
    <message>
        <source>tax {0}</source>
        <translation>MwSt. {0}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>inkl. MwSt.</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>MwSt.</translation>
    </message>
    <message>
        <source>Pay {0}</source>
        <translation>Bezahlen {0}</translation>
    </message>
    <message>
        <source>Removed: {0}</source>
        <translation>Entfernt: {0}</translation>
    </message>
    <message>
        <source>Delivery: tap to choose the customer, address and option</source>
        <translation>Lieferung: antippen für Kunde, Adresse und Versandart</translation>
    </message>
    <message>
        <source>Sent to {where} for pickup
{option} · {days} · fee {fee}</source>
        <translation>An {where} zur Abholung
{option} · {days} · Gebühr {fee}</translation>
    </message>
    <message>
        <source>Delivered to the customer: {where}
{option} · {days} · fee {fee}</source>
        <translation>Lieferung an Kunden: {where}
{option} · {days} · Gebühr {fee}</translation>
    </message>
    <message>
        <source>Recent items — tap to add one more</source>
        <translation>Letzte Artikel – antippen für eins mehr</translation>
    </message>
    <message>
        <source>Tap an item, then its colour and size</source>
        <translation>Artikel antippen, dann Farbe und Größe</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>Keine Treffer.</translation>
    </message>
    <message>
        <source>Parked ({0}). Tap “Parked” to bring it back.</source>
        <translation>Geparkt ({0}). „Geparkt“ antippen, um fortzusetzen.</translation>
    </message>
    <message>
        <source>Choose the customer and the delivery first.</source>
        <translation>Wählen Sie zuerst Kunde und Lieferung.</translation>
    </message>
    <message>
        <source>Exchange for {number}: {credit} of credit waiting. Scan the new items, then Pay.</source>
        <translation>Umtausch zu {number}: {credit} Gutschrift bereit. Neue Artikel scannen, dann Bezahlen.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>Last sale: receipt {no} · {total} · change {change}</source>
        <translation>Letzter Verkauf: Bon {no} · {total} · Rückgeld {change}</translation>
    </message>
    <message>
        <source>Card unavailable: {0}</source>
        <translation>Karte nicht verfügbar: {0}</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>Gedruckt.</translation>
    </message>
    <message>
        <source>Central e-mails the receipt to {0}.</source>
        <translation>Die Zentrale mailt den Bon an {0}.</translation>
    </message>
    <message>
        <source>Central refused {0}: check the address.</source>
        <translation>Die Zentrale lehnt {0} ab: Adresse prüfen.</translation>
    </message>
    <message>
        <source>Queued for {0}: it goes as soon as the till is online.</source>
        <translation>Für {0} vorgemerkt: geht raus, sobald die Kasse online ist.</translation>
    </message>
</context>
<context>
    <name>SettingsSheet</name>
    <message>
        <source>The printer and the card terminal decide how this till takes money, so a supervisor or a manager opens these settings. Tap your name, then type your PIN.</source>
        <translation>Drucker und Kartenterminal bestimmen, wie diese Kasse Geld annimmt, daher öffnet Schicht- oder Filialleitung diese Einstellungen. Namen antippen, dann PIN eingeben.</translation>
    </message>
    <message>
        <source>Settings of this till</source>
        <translation>Einstellungen dieser Kasse</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Bondrucker</translation>
    </message>
    <message>
        <source>tcp://192.168.1.30:9100</source>
        <translation>tcp://192.168.1.30:9100</translation>
    </message>
    <message>
        <source>Printer address</source>
        <translation>Druckeradresse</translation>
    </message>
    <message>
        <source>Leave it empty if this till prints no receipts (they are still kept and can be e-mailed).</source>
        <translation>Leer lassen, wenn diese Kasse keine Bons druckt (sie werden trotzdem gespeichert und können gemailt werden).</translation>
    </message>
    <message>
        <source>48 columns</source>
        <translation>48 Spalten</translation>
    </message>
    <message>
        <source>42 columns</source>
        <translation>42 Spalten</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Papierbreite</translation>
    </message>
    <message>
        <source>Most 80 mm printers print 48 columns; if the test page&apos;s ruler wraps, choose 42.</source>
        <translation>Die meisten 80-mm-Drucker drucken 48 Spalten; bricht das Lineal der Testseite um, wählen Sie 42.</translation>
    </message>
    <message>
        <source>Save printer</source>
        <translation>Drucker speichern</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Testseite drucken</translation>
    </message>
    <message>
        <source>Card terminal</source>
        <translation>Kartenterminal</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>Simuliert</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Which terminal</source>
        <translation>Welches Terminal</translation>
    </message>
    <message>
        <source>https://192.168.1.20:8443/nexo/</source>
        <translation>https://192.168.1.20:8443/nexo/</translation>
    </message>
    <message>
        <source>Terminal address</source>
        <translation>Terminaladresse</translation>
    </message>
    <message>
        <source>V400m-123456789</source>
        <translation>V400m-123456789</translation>
    </message>
    <message>
        <source>POIID (the terminal&apos;s id, on its screen)</source>
        <translation>POIID (ID des Terminals, auf seinem Display)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>e.g. AisleKey</source>
        <translation>z. B. AisleKey</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Key version</source>
        <translation>Schlüsselversion</translation>
    </message>
    <message>
        <source>/etc/aisle/terminal-ca.pem</source>
        <translation>/etc/aisle/terminal-ca.pem</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <source>The file the terminal&apos;s certificate is checked against (from the payment provider).</source>
        <translation>Die Datei, gegen die das Zertifikat des Terminals geprüft wird (vom Zahlungsanbieter).</translation>
    </message>
    <message>
        <source>The terminal may approve cards offline</source>
        <translation>Terminal darf offline Karten freigeben</translation>
    </message>
    <message>
        <source>Save terminal</source>
        <translation>Terminal speichern</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Opened with {name}&apos;s approval; each change is recorded with both your names.</source>
        <translation>Mit Freigabe von {name} geöffnet; jede Änderung wird mit beiden Namen protokolliert.</translation>
    </message>
    <message>
        <source>Central sets how much for this store: at most {0} a sale and {1} until the end of day.</source>
        <translation>Die Zentrale legt die Grenzen fest: höchstens {0} je Verkauf und {1} bis Tagesende.</translation>
    </message>
    <message>
        <source>Central allows this store no card payments while the terminal is offline.</source>
        <translation>Die Zentrale erlaubt dieser Filiale keine Kartenzahlung, solange das Terminal offline ist.</translation>
    </message>
    <message>
        <source>Kept: type a new one to change it</source>
        <translation>Gespeichert: zum Ändern neu eingeben</translation>
    </message>
    <message>
        <source>As set on the terminal</source>
        <translation>Wie am Terminal eingestellt</translation>
    </message>
    <message>
        <source>It is kept in this computer&apos;s keyring and never shown.</source>
        <translation>Sie wird im Schlüsselbund dieses Computers gespeichert und nie angezeigt.</translation>
    </message>
    <message>
        <source>Without a terminal this till takes cash only.</source>
        <translation>Ohne Terminal nimmt diese Kasse nur Bargeld.</translation>
    </message>
    <message>
        <source>A pretend terminal inside this app, for training: no money moves.</source>
        <translation>Ein Übungsterminal in der App: es fließt kein Geld.</translation>
    </message>
    <message>
        <source>A terminal on the shop&apos;s network, spoken to over HTTPS.</source>
        <translation>Ein Terminal im Filialnetz, angesprochen über HTTPS.</translation>
    </message>
    <message>
        <source>Saved: receipts print on {0}.</source>
        <translation>Gespeichert: Bons drucken auf {0}.</translation>
    </message>
    <message>
        <source>Saved: this till prints no receipts.</source>
        <translation>Gespeichert: diese Kasse druckt keine Bons.</translation>
    </message>
    <message>
        <source>The key version is a number from 1.</source>
        <translation>Die Schlüsselversion ist eine Zahl ab 1.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <source>Sign in first, then scan.</source>
        <translation>Erst anmelden, dann scannen.</translation>
    </message>
    <message>
        <source>This pickup kiosk is not set up yet. Staff: enrol it with “pos-app enroll”, then start it again.</source>
        <translation>Dieser Abholkiosk ist noch nicht eingerichtet. Personal: mit „pos-app enroll“ registrieren, dann neu starten.</translation>
    </message>
    <message>
        <source>Local data was repaired</source>
        <translation>Lokale Daten wurden repariert</translation>
    </message>
</context>
<context>
    <name>ShiftSheet</name>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Count the float in the drawer: how many of each note and coin.</source>
        <translation>Zählen Sie das Wechselgeld in der Lade: Anzahl je Schein und Münze.</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Schicht öffnen</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation>Abschöpfung</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>Ohne Verkauf</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X-Bericht</translation>
    </message>
    <message>
        <source>Count drawer</source>
        <translation>Kassensturz</translation>
    </message>
    <message>
        <source>Join this shift</source>
        <translation>Schicht beitreten</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Note (needed for “Other”)</source>
        <translation>Notiz (nötig bei „Sonstiges“)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Count the drawer: how many of each note and coin. What is expected shows after you save.</source>
        <translation>Zählen Sie die Lade: Anzahl je Schein und Münze. Der Sollbestand erscheint nach dem Speichern.</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>Zählung speichern</translation>
    </message>
    <message>
        <source>The count is beyond the limit: choose a reason, then a manager approves.</source>
        <translation>Die Differenz ist über dem Limit: Grund wählen, dann gibt die Filialleitung frei.</translation>
    </message>
    <message>
        <source>Why close with operations unsent (for the manager)</source>
        <translation>Warum mit ungesendeten Vorgängen schließen (für die Filialleitung)</translation>
    </message>
    <message>
        <source>A manager approves: tap your name, then type your PIN.</source>
        <translation>Die Filialleitung gibt frei: Namen antippen, dann PIN eingeben.</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>PIN der Filialleitung</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>Neu zählen</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>Schicht schließen</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <source>◀ Day before</source>
        <translation>◀ Vortag</translation>
    </message>
    <message>
        <source>Day after ▶</source>
        <translation>Folgetag ▶</translation>
    </message>
    <message>
        <source>Day figures</source>
        <translation>Tageszahlen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Till %s: no open shift</source>
        <translation>Kasse %s: keine offene Schicht</translation>
    </message>
    <message>
        <source>Open the shift with the float that is in the drawer.</source>
        <translation>Öffnen Sie die Schicht mit dem Wechselgeld in der Lade.</translation>
    </message>
    <message>
        <source>Till %s: shift open</source>
        <translation>Kasse %s: Schicht offen</translation>
    </message>
    <message>
        <source>Opened %s with a float of %s; %d on this shift.</source>
        <translation>Geöffnet um %s mit Wechselgeld %s; %d in dieser Schicht.</translation>
    </message>
    <message>
        <source>Paid in: money put into the drawer</source>
        <translation>Einlage: Geld in die Lade</translation>
    </message>
    <message>
        <source>Paid out: money taken from the drawer</source>
        <translation>Entnahme: Geld aus der Lade</translation>
    </message>
    <message>
        <source>Safe drop: cash taken to the safe</source>
        <translation>Abschöpfung: Bargeld in den Tresor</translation>
    </message>
    <message>
        <source>No sale: open the drawer without a sale</source>
        <translation>Ohne Verkauf: Lade ohne Verkauf öffnen</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>Lade öffnen</translation>
    </message>
    <message>
        <source>Till %s: shift closed, Z report %d</source>
        <translation>Kasse %s: Schicht geschlossen, Z-Bericht %d</translation>
    </message>
    <message>
        <source>Print it for the safe, or find it later under its number.</source>
        <translation>Drucken Sie ihn für den Tresor oder finden Sie ihn später über die Nummer.</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>Gedruckt.</translation>
    </message>
    <message>
        <source>No printer answered; the report is kept on this till.</source>
        <translation>Kein Drucker antwortet; der Bericht bleibt auf dieser Kasse.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>1 sale</source>
        <translation>1 Verkauf</translation>
    </message>
    <message>
        <source>%d sales</source>
        <translation>%d Verkäufe</translation>
    </message>
    <message>
        <source>%s on till %s: %s, %s</source>
        <translation>%s an Kasse %s: %s, %s</translation>
    </message>
    <message>
        <source>Counted %s, expected %s: %s%s</source>
        <translation>Gezählt %s, erwartet %s: %s%s</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <source>Who is signing in?</source>
        <translation>Wer meldet sich an?</translation>
    </message>
    <message>
        <source>Tap your name</source>
        <translation>Namen antippen</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>No staff for this store on this device yet. Connect to the network and wait for the first sync.</source>
        <translation>Noch kein Personal dieser Filiale auf dem Gerät. Mit dem Netz verbinden und die erste Synchronisierung abwarten.</translation>
    </message>
    <message>
        <source>Tap your name first.</source>
        <translation>Tippen Sie zuerst Ihren Namen an.</translation>
    </message>
    <message>
        <source>You can try your PIN again.</source>
        <translation>Sie können die PIN erneut eingeben.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {0}.</source>
        <translation>Zu viele falsche PINs. Versuchen Sie es in {0} erneut.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>● Connecting to central…</source>
        <translation>● Verbinde mit Zentrale…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source> — live updates</source>
        <translation> – Live-Updates</translation>
    </message>
    <message>
        <source> · last sync {0}</source>
        <translation> · Sync {0}</translation>
    </message>
    <message>
        <source>○ Offline — working from data as of {0}</source>
        <translation>○ Offline – Daten vom Stand {0}</translation>
    </message>
    <message>
        <source>{0} waiting to send</source>
        <translation>{0} warten auf Senden</translation>
    </message>
    <message>
        <source>All sent</source>
        <translation>Alles gesendet</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 Problem</translation>
    </message>
    <message>
        <source>{0} problems</source>
        <translation>{0} Probleme</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Keine Probleme</translation>
    </message>
</context>
<context>
    <name>StoredValuePanel</name>
    <message>
        <source>Gift card or store credit</source>
        <translation>Geschenkkarte oder Guthaben</translation>
    </message>
    <message>
        <source>Gift card number (GC…) or scan it</source>
        <translation>Kartennr. (GC…) oder scannen</translation>
    </message>
    <message>
        <source>Use card</source>
        <translation>Karte nutzen</translation>
    </message>
    <message>
        <source>Store credit {0} of {1}</source>
        <translation>Guthaben {0} von {1}</translation>
    </message>
    <message>
        <source>Offline: store credit and gift cards up to what this till last saw and today&apos;s offline limit; central checks them when it is back.</source>
        <translation>Offline: Guthaben und Geschenkkarten bis zum letzten Stand dieser Kasse und zum heutigen Offline-Limit; die Zentrale prüft sie danach.</translation>
    </message>
    <message>
        <source>Type or scan the gift card&apos;s number first.</source>
        <translation>Geben Sie zuerst die Geschenkkartennummer ein oder scannen Sie sie.</translation>
    </message>
</context>
<context>
    <name>TenderSheet</name>
    <message>
        <source>Cash — tap what you are handed</source>
        <translation>Bar – antippen, was Sie erhalten</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Cancel card payment</source>
        <translation>Kartenzahlung abbrechen</translation>
    </message>
    <message>
        <source>Approval code the terminal shows</source>
        <translation>Genehmigungscode vom Terminal</translation>
    </message>
    <message>
        <source>It shows approved</source>
        <translation>Zeigt genehmigt</translation>
    </message>
    <message>
        <source>Nothing charged</source>
        <translation>Nichts belastet</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>Anderer Betrag</translation>
    </message>
    <message>
        <source>Take cash</source>
        <translation>Bar annehmen</translation>
    </message>
    <message>
        <source>Gift receipt</source>
        <translation>Geschenkbon</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Erneut drucken</translation>
    </message>
    <message>
        <source>E-mail receipt</source>
        <translation>Bon per E-Mail</translation>
    </message>
    <message>
        <source>The customer&apos;s e-mail address</source>
        <translation>E-Mail-Adresse des Kunden</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Back to the basket</source>
        <translation>Zurück zum Warenkorb</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Neuer Verkauf</translation>
    </message>
    <message>
        <source>Attach the customer first: store credit is theirs.</source>
        <translation>Ordnen Sie zuerst den Kunden zu: das Guthaben gehört ihm.</translation>
    </message>
    <message>
        <source>Taken offline: {0}. Central checks it when it is back; what is short goes to head office.</source>
        <translation>Offline angenommen: {0}. Die Zentrale prüft es danach; Fehlbeträge gehen an die Zentrale.</translation>
    </message>
    <message>
        <source>Customer is paying on the terminal…</source>
        <translation>Kunde zahlt am Terminal…</translation>
    </message>
    <message>
        <source>Cancelling on the terminal… its answer decides.</source>
        <translation>Abbruch am Terminal… seine Antwort entscheidet.</translation>
    </message>
    <message>
        <source>Card paid {0}; {1} still due.</source>
        <translation>Karte bezahlt {0}; noch {1} offen.</translation>
    </message>
    <message>
        <source>The terminal cannot say how this payment ended. Look at the terminal and record what it shows.</source>
        <translation>Das Terminal kann das Ergebnis nicht melden. Sehen Sie auf das Terminal und erfassen Sie, was es zeigt.</translation>
    </message>
    <message>
        <source>Card payment cancelled.</source>
        <translation>Kartenzahlung abgebrochen.</translation>
    </message>
    <message>
        <source>The card was declined — ask for another card or take cash.</source>
        <translation>Karte abgelehnt – andere Karte oder Bargeld erbitten.</translation>
    </message>
    <message>
        <source>Giving the card payment back on the terminal…</source>
        <translation>Kartenzahlung wird am Terminal erstattet…</translation>
    </message>
    <message>
        <source>Given back {0} to the card ending {1}.</source>
        <translation>{0} auf die Karte mit Endziffern {1} erstattet.</translation>
    </message>
    <message>
        <source>The terminal has not said the money went back: look at the terminal, then try again.</source>
        <translation>Das Terminal hat die Erstattung nicht bestätigt: Terminal prüfen, dann erneut versuchen.</translation>
    </message>
    <message>
        <source>Card {0}</source>
        <translation>Karte {0}</translation>
    </message>
    <message>
        <source>Give back {0} ({1} {2})</source>
        <translation>{0} erstatten ({1} {2})</translation>
    </message>
    <message>
        <source>Still due {0}</source>
        <translation>Noch offen {0}</translation>
    </message>
    <message>
        <source>Card taken: {0} (kept with the basket; clearing the basket gives it back)</source>
        <translation>Karte belastet: {0} (beim Warenkorb; Leeren des Warenkorbs erstattet sie)</translation>
    </message>
    <message>
        <source>Taken: {0} (“Start again” to change it)</source>
        <translation>Erhalten: {0} („Neu beginnen“ zum Ändern)</translation>
    </message>
    <message>
        <source>Taken: {0}</source>
        <translation>Erhalten: {0}</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <source>To pay {0}</source>
        <translation>Zu zahlen {0}</translation>
    </message>
    <message>
        <source>{0} exact</source>
        <translation>{0} passend</translation>
    </message>
    <message>
        <source>exchange credit</source>
        <translation>Umtauschgutschrift</translation>
    </message>
    <message>
        <source>gift card</source>
        <translation>Geschenkkarte</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Type the amount handed over, like 5000 or 20.50.</source>
        <translation>Geben Sie den erhaltenen Betrag ein, z. B. 5000 oder 20.50.</translation>
    </message>
    <message>
        <source>The receipt could not be kept ({0}); the sale is complete.</source>
        <translation>Der Bon konnte nicht gespeichert werden ({0}); der Verkauf ist abgeschlossen.</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>Bon gedruckt.</translation>
    </message>
    <message>
        <source> Drawer open.</source>
        <translation> Lade offen.</translation>
    </message>
    <message>
        <source>No receipt printer on this till: e-mail the receipt, or print it later.</source>
        <translation>Kein Bondrucker an dieser Kasse: Bon mailen oder später drucken.</translation>
    </message>
    <message>
        <source>the printer is off or unreachable</source>
        <translation>der Drucker ist aus oder nicht erreichbar</translation>
    </message>
    <message>
        <source>the printer is out of paper</source>
        <translation>der Drucker hat kein Papier</translation>
    </message>
    <message>
        <source>the printer&apos;s cover is open</source>
        <translation>die Druckerklappe ist offen</translation>
    </message>
    <message>
        <source>the printer did not take it</source>
        <translation>der Drucker hat ihn nicht angenommen</translation>
    </message>
    <message>
        <source>The receipt waits: {0}. It prints by itself when the printer is back.</source>
        <translation>Der Bon wartet: {0}. Er druckt automatisch, sobald der Drucker wieder da ist.</translation>
    </message>
    <message>
        <source>Exchange: {credit} credit; {back} back to the customer.</source>
        <translation>Umtausch: {credit} Gutschrift; {back} zurück an den Kunden.</translation>
    </message>
    <message>
        <source>Exchange: {credit} credit used.</source>
        <translation>Umtausch: {credit} Gutschrift verrechnet.</translation>
    </message>
    <message>
        <source>The card refund is queued: tell the customer it reaches their card once the terminal takes it.</source>
        <translation>Die Kartenerstattung wartet: Sagen Sie dem Kunden, dass sie auf seiner Karte ankommt, sobald das Terminal sie annimmt.</translation>
    </message>
    <message>
        <source>in cash</source>
        <translation>bar</translation>
    </message>
    <message>
        <source>to the card</source>
        <translation>auf die Karte</translation>
    </message>
    <message>
        <source>as store credit</source>
        <translation>als Guthaben</translation>
    </message>
    <message>
        <source>Paid {0} — thank you</source>
        <translation>Bezahlt {0} – vielen Dank</translation>
    </message>
    <message>
        <source>Change {0}</source>
        <translation>Rückgeld {0}</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>Kein Rückgeld</translation>
    </message>
    <message>
        <source>Receipt {0}</source>
        <translation>Bon {0}</translation>
    </message>
</context>
<context>
    <name>VariantSheet</name>
    <message>
        <source>Tap the colour and size to add</source>
        <translation>Farbe und Größe antippen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>hhmm</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Sorry, something went wrong (reference {0}).</source>
        <translation>Leider ist ein Fehler aufgetreten (Referenz {0}).</translation>
    </message>
</context>
</TS>
