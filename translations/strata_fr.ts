<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>strata::ui::TableListModel</name>
    <message>
        <source> (primary key)</source>
        <translation> (clé primaire)</translation>
    </message>
    <message>
        <source> (sensitive)</source>
        <translation> (sensible)</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
</context>
<context>
    <name>strata::ui::MainWindow</name>
    <message>
        <source>Strata — %1</source>
        <translation>Strata — %1</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tables</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>%1 · last commit %2%3</source>
        <translation>%1 · dernier commit %2%3</translation>
    </message>
    <message>
        <source> · read-only</source>
        <translation> · lecture seule</translation>
    </message>
    <message>
        <source>Cannot list tables: %1</source>
        <translation>Impossible de lister les tables : %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Get data out of a database and back in.</source>
        <translation>Sortir les données d’une base et les y remettre.</translation>
    </message>
    <message>
        <source>Database folder to open (default: the demo database).</source>
        <translation>Dossier de base de données à ouvrir (par défaut : la base de démonstration).</translation>
    </message>
    <message>
        <source>Cannot open %1:
%2</source>
        <translation>Impossible d’ouvrir %1 :
%2</translation>
    </message>
</context>
</TS>
