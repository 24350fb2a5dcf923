; Inno Setup 6 script: the Windows installer for Vernelogg.
;
; Build on Windows, from the repository root, after the PyInstaller build (see
; packaging/README.md):
;     pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\vernelogg.spec
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\vernelogg.iss
; Result: dist\installer\Vernelogg-<version>-oppsett.exe
;
; The version is read from dist\Vernelogg\Vernelogg.exe (its ProductVersion, which the spec
; writes from vernelogg.__version__), so the installer and the program always agree.
; It can be given explicitly with ISCC /DAppVersion=1.2.3.
;
; The user's data (%LOCALAPPDATA%\Vernelogg: the database and its automatic backups) is
; not part of the installation: uninstalling removes the program and leaves the data.

#define AppName "Vernelogg"
#define AppId "no.vernelogg.Vernelogg"
#define AppExe "Vernelogg.exe"
#define BundleDir AddBackslash(SourcePath) + "..\..\dist\Vernelogg"

#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error Fant ikke versjonen i dist\Vernelogg\Vernelogg.exe. Bygg med PyInstaller først (packaging\README.md).
#endif
; Windows' numeric file version (0.1.0.0), from the same executable.
#define AppNumericVersion GetVersionNumbersString(BundleDir + "\" + AppExe)

[Setup]
; AppId identifies the installation for updates and the uninstaller: never change it.
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppCopyright=MIT-lisens
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installasjon
; Per-user install by default (no administrator needed: into %LOCALAPPDATA%\Programs);
; IT can install for all users with /ALLUSERS (Program Files, needs administrator rights).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\resources\icons\vernelogg.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-oppsett
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Vernelogg before files are replaced (an update), and start it again.
CloseApplications=yes
RestartApplications=yes
ChangesEnvironment=yes

[Languages]
Name: "norwegian"; MessagesFile: "compiler:Languages\Norwegian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole program folder, so no file of the older version stays.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"; Comment: "Vernerunder, avvik, tiltak og AMU"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"; Tasks: desktopicon

[Registry]
; Optional: a shared database for every user of this PC, given at install time with
;   /VERNELOGG_DB="postgresql+psycopg://vernelogg@dbserver/vernelogg"
; Written as the environment variable VERNELOGG_DB (for the installing user, or for the
; whole machine with /ALLUSERS) and removed again on uninstall. The database is untouched.
Root: HKCU; Subkey: "Environment"; ValueType: string; ValueName: "VERNELOGG_DB"; ValueData: "{param:VERNELOGG_DB|}"; Flags: uninsdeletevalue; Check: SharedDbGiven and not IsAdminInstallMode
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: string; ValueName: "VERNELOGG_DB"; ValueData: "{param:VERNELOGG_DB|}"; Flags: uninsdeletevalue; Check: SharedDbGiven and IsAdminInstallMode

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function SharedDbGiven: Boolean;
begin
  Result := ExpandConstant('{param:VERNELOGG_DB|}') <> '';
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  { Nothing in the data folder is deleted; tell the user where it is. }
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\{#AppName}');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox('Vernelogg er fjernet. Databasen og sikkerhetskopiene dine er beholdt i:' + #13#10 + DataDir,
             mbInformation, MB_OK);
  end;
end;
