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
        <source>staff</source>
        <translation>Personal</translation>
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
        <source>Scan the customer&apos;s return code or receipt, or type the receipt number (or the card&apos;s last 4 digits: this till&apos;s card sales).</source>
        <translation>Scannen Sie Rückgabecode oder Bon des Kunden oder geben Sie die Bonnummer ein (oder die letzten 4 Kartenziffern: Kartenverkäufe dieser Kasse).</translation>
    </message>
    <message>
        <source>Receipt number, e.g. TKY01-3F2A1C-000042</source>
        <translation>Bonnummer, z. B. TKY01-3F2A1C-000042</translation>
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
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>No card sale of this till ends in these digits.</source>
        <translation>Kein Kartenverkauf dieser Kasse endet auf diese Ziffern.</translation>
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
